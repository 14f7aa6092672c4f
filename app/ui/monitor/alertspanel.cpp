#include "ui/monitor/alertspanel.h"

#include "ui/sqlhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace bs {

namespace {
QString localText(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QIcon severityIcon(const QStyle *style, AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case AlertSeverity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case AlertSeverity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QLabel *wrappedLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return l;
}
} // namespace

AlertsPanel::AlertsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(tr("<b>Alerts</b>"), this);
    heading->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(heading);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter);

    m_list = new QListWidget(splitter);
    m_list->setObjectName(QStringLiteral("activeAlerts"));
    m_list->setWordWrap(true);
    m_list->setToolTip(tr("Alerts whose condition holds in the latest sample. They clear themselves when it goes away."));
    // Room for four alerts of two lines each before the splitter may shrink the list.
    m_list->setMinimumHeight(4 * (2 * fontMetrics().lineSpacing() + 6) + 2 * m_list->frameWidth());
    connect(m_list, &QListWidget::currentRowChanged, this, &AlertsPanel::showSelected);

    auto *detail = new QWidget(splitter);
    auto *dl = new QVBoxLayout(detail);
    dl->setContentsMargins(6, 4, 6, 4);
    m_title = wrappedLabel(detail);
    m_seen = wrappedLabel(detail);
    m_why = wrappedLabel(detail);
    dl->addWidget(m_title);
    dl->addWidget(m_seen);
    dl->addWidget(m_why);
    auto *fixCaption = new QLabel(tr("<b>Fix (T-SQL)</b> — shown for review; Broker Studio never runs it."), detail);
    dl->addWidget(fixCaption);
    m_fix = new QPlainTextEdit(detail);
    m_fix->setObjectName(QStringLiteral("fixSql"));
    m_fix->setReadOnly(true);
    // The panel is narrow beside the charts: wrap long WHERE clauses instead of hiding them.
    m_fix->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_fix->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_fix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(m_fix->document());
    dl->addWidget(m_fix, 1);
    auto *buttons = new QHBoxLayout;
    m_copy = new QPushButton(tr("&Copy T-SQL"), detail);
    m_copy->setToolTip(tr("Copy the fix to the clipboard, to review and run it in your own tool."));
    m_save = new QPushButton(tr("&Save T-SQL…"), detail);
    m_save->setToolTip(tr("Save the fix as a .sql file."));
    connect(m_copy, &QPushButton::clicked, this, &AlertsPanel::copyFix);
    connect(m_save, &QPushButton::clicked, this, &AlertsPanel::saveFix);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    m_cleanup = new QPushButton(tr("Clean &up…"), detail);
    m_cleanup->setToolTip(tr("Open the guided leak cleanup for this service pair: dry run, the exact T-SQL, then batches "
                             "with progress, pause and cancel, every batch audited."));
    m_cleanup->setVisible(false);
    connect(m_cleanup, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0 || row >= m_active.size() || m_active[row].kind != AlertKind::EndpointLeak)
            return;
        // The key is "endpoint-leak:<local>|<far>" (core/alerts/endpointrules.cpp).
        const QString key = m_active[row].key;
        const QString pair = key.mid(key.indexOf(QLatin1Char(':')) + 1);
        const qsizetype bar = pair.lastIndexOf(QLatin1Char('|'));
        if (bar > 0)
            Q_EMIT cleanupRequested(pair.left(bar), pair.mid(bar + 1));
    });
    buttons->addWidget(m_cleanup);
    buttons->addStretch(1);
    dl->addLayout(buttons);
    // What the selected alert offers to open (Messages…, Triage…), from setActionProvider.
    m_actionRow = new QHBoxLayout;
    m_actionRow->addStretch(1);
    dl->addLayout(m_actionRow);

    m_log = new QTreeWidget(splitter);
    m_log->setObjectName(QStringLiteral("alertLog"));
    m_log->setRootIsDecorated(false);
    m_log->setHeaderLabels({tr("Raised"), tr("Cleared"), tr("Alert")});
    m_log->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_log->header()->setStretchLastSection(true);
    m_log->setToolTip(tr("Alert log: every alert raised and when its condition went away (local time)."));

    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);
    splitter->setChildrenCollapsible(false);
    showSelected();
}

void AlertsPanel::setAlerts(const QList<Alert> &active, const QList<AlertLogEntry> &log)
{
    const int oldCount = int(m_active.size());
    const QString selectedKey =
        m_list->currentItem() ? m_list->currentItem()->data(KeyRole).toString() : QString();
    m_active = active;
    updateList(selectedKey);
    updateLog(log);
    if (oldCount != m_active.size())
        Q_EMIT activeCountChanged(int(m_active.size()));
}

void AlertsPanel::updateList(const QString &selectedKey)
{
    // An alert is identified by its key (rule + subject): rows are updated in place, added and
    // removed, never rebuilt, so selection and scroll position survive every sample.
    const QSignalBlocker block(m_list);
    for (int row = m_list->count() - 1; row >= 0; --row) {
        const QString key = m_list->item(row)->data(KeyRole).toString();
        const bool stillActive =
            std::any_of(m_active.cbegin(), m_active.cend(), [&](const Alert &a) { return a.key == key; });
        if (!stillActive)
            delete m_list->takeItem(row);
    }
    for (int i = 0; i < m_active.size(); ++i) {
        const Alert &a = m_active[i];
        int row = -1;
        for (int r = 0; r < m_list->count(); ++r) {
            if (m_list->item(r)->data(KeyRole).toString() == a.key)
                row = r;
        }
        QListWidgetItem *item = nullptr;
        if (row < 0) {
            item = new QListWidgetItem;
            item->setData(KeyRole, a.key);
            m_list->insertItem(i, item);
        } else {
            item = m_list->item(row);
            if (row != i)
                m_list->insertItem(i, m_list->takeItem(row));
        }
        if (item->text() != a.title)
            item->setText(a.title);
        if (item->toolTip() != a.seen)
            item->setToolTip(a.seen);
        if (item->data(SeverityRole).toInt() != int(a.severity) || item->icon().isNull()) {
            item->setData(SeverityRole, int(a.severity));
            item->setIcon(severityIcon(style(), a.severity));
        }
    }
    int selected = -1;
    for (int r = 0; r < m_list->count(); ++r) {
        if (m_list->item(r)->data(KeyRole).toString() == selectedKey)
            selected = r;
    }
    if (selected < 0 && m_list->count() > 0)
        selected = 0;
    if (m_list->currentRow() != selected)
        m_list->setCurrentRow(selected);
    showSelected();
}

void AlertsPanel::updateLog(const QList<AlertLogEntry> &log)
{
    // Newest first: the log is read from the top. Entries keep the text they had when raised; only
    // the cleared column changes, so existing rows are updated and new ones inserted at the top.
    const auto identity = [](const AlertLogEntry &e) {
        return QString(e.alert.key + QLatin1Char('@') + e.raised.toString(Qt::ISODateWithMs));
    };
    int known = m_log->topLevelItemCount();
    bool same = known <= log.size();
    for (int i = 0; same && i < known; ++i)
        same = m_log->topLevelItem(known - 1 - i)->data(0, Qt::UserRole).toString() == identity(log[i]);
    if (!same) {
        // The log was replaced (history loaded): start over.
        m_log->clear();
        known = 0;
    }
    for (int i = 0; i < known; ++i) {
        const AlertLogEntry &e = log[i];
        QTreeWidgetItem *item = m_log->topLevelItem(known - 1 - i);
        const QString cleared = e.cleared ? localText(*e.cleared) : tr("active");
        if (item->text(1) != cleared)
            item->setText(1, cleared);
        if (item->text(2) != e.alert.title)
            item->setText(2, e.alert.title);
    }
    for (qsizetype i = known; i < log.size(); ++i) {
        const AlertLogEntry &e = log[i];
        auto *item = new QTreeWidgetItem(
            {localText(e.raised), e.cleared ? localText(*e.cleared) : tr("active"), e.alert.title});
        item->setIcon(2, severityIcon(style(), e.alert.severity));
        item->setToolTip(2, tr("When raised: %1").arg(e.alert.seen));
        item->setData(0, Qt::UserRole, identity(e));
        m_log->insertTopLevelItem(0, item);
    }
}

QStringList AlertsPanel::activeTitles() const
{
    QStringList titles;
    for (const Alert &a : m_active)
        titles.append(a.title);
    return titles;
}

int AlertsPanel::logCount() const
{
    return m_log->topLevelItemCount();
}

bool AlertsPanel::selectAlert(const QString &key)
{
    for (int i = 0; i < m_active.size(); ++i) {
        if (m_active[i].key == key) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString AlertsPanel::currentFixSql() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_active.size() ? m_active[row].fixSql : QString();
}

void AlertsPanel::showSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_active.size() ||
        m_list->item(row)->data(KeyRole).toString() != m_active[row].key) {
        m_title->setText(m_active.isEmpty() ? tr("<b>No active alerts.</b> The rules look at every sample.")
                                            : tr("Select an alert to see what it saw and how to fix it."));
        m_seen->clear();
        m_why->clear();
        m_fix->clear();
        m_copy->setEnabled(false);
        m_save->setEnabled(false);
        showActions(nullptr);
        m_cleanup->setVisible(false);
        return;
    }
    const Alert &a = m_active[row];
    m_title->setText(QStringLiteral("<b>%1</b><br><small>%2 · since %3</small>")
                         .arg(a.title.toHtmlEscaped(), alertSeverityName(a.severity).toHtmlEscaped(),
                              a.since.isValid() ? localText(a.since) : QString()));
    m_seen->setText(tr("<b>What we saw.</b> %1").arg(a.seen.toHtmlEscaped()));
    m_why->setText(tr("<b>Why it matters.</b> %1").arg(a.why.toHtmlEscaped()));
    if (m_fix->toPlainText() != a.fixSql)
        m_fix->setPlainText(a.fixSql);
    m_copy->setEnabled(!a.fixSql.isEmpty());
    m_save->setEnabled(!a.fixSql.isEmpty());
    showActions(&a);
    m_cleanup->setVisible(a.kind == AlertKind::EndpointLeak);
}

void AlertsPanel::setActionProvider(std::function<QList<AlertAction>(const Alert &)> provider)
{
    m_actionProvider = std::move(provider);
    showSelected();
}

void AlertsPanel::showActions(const Alert *alert)
{
    qDeleteAll(m_actionButtons);
    m_actionButtons.clear();
    if (!alert || !m_actionProvider)
        return;
    for (const AlertAction &action : m_actionProvider(*alert)) {
        auto *button = new QPushButton(action.label);
        button->setObjectName(QStringLiteral("alertAction-") + action.id);
        connect(button, &QPushButton::clicked, this, [this, action] { Q_EMIT actionRequested(action); });
        m_actionRow->insertWidget(m_actionRow->count() - 1, button);
        m_actionButtons.append(button);
    }
}

void AlertsPanel::copyFix()
{
    QApplication::clipboard()->setText(currentFixSql());
}

bool AlertsPanel::saveFixTo(const QString &path) const
{
    const QString sql = currentFixSql();
    if (sql.isEmpty())
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(sql.toUtf8());
    return file.commit();
}

void AlertsPanel::saveFix()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save fix T-SQL"), QStringLiteral("fix.sql"),
                                                      tr("T-SQL scripts (*.sql);;All files (*)"));
    if (!path.isEmpty())
        saveFixTo(path);
}

} // namespace bs

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
    m_fix->setLineWrapMode(QPlainTextEdit::NoWrap);
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
    buttons->addStretch(1);
    dl->addLayout(buttons);

    m_log = new QTreeWidget(splitter);
    m_log->setObjectName(QStringLiteral("alertLog"));
    m_log->setRootIsDecorated(false);
    m_log->setHeaderLabels({tr("Raised"), tr("Cleared"), tr("Alert")});
    m_log->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_log->header()->setStretchLastSection(true);
    m_log->setToolTip(tr("Alert log: every alert raised and when its condition went away (local time)."));

    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);
    showSelected();
}

void AlertsPanel::setAlerts(const QList<Alert> &active, const QList<AlertLogEntry> &log)
{
    const QString selectedKey = m_list->currentRow() >= 0 && m_list->currentRow() < m_active.size()
        ? m_active[m_list->currentRow()].key
        : QString();
    const bool changed = active != m_active;
    const int oldCount = int(m_active.size());
    m_active = active;
    if (changed) {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const Alert &a : m_active) {
            auto *item = new QListWidgetItem(severityIcon(style(), a.severity), a.title, m_list);
            item->setToolTip(a.seen);
        }
        int row = -1;
        for (int i = 0; i < m_active.size(); ++i) {
            if (m_active[i].key == selectedKey)
                row = i;
        }
        m_list->setCurrentRow(row < 0 && !m_active.isEmpty() ? 0 : row);
        showSelected();
    }
    if (log.size() != m_log->topLevelItemCount() || changed) {
        m_log->clear();
        // Newest first: the log is read from the top.
        for (auto it = log.crbegin(); it != log.crend(); ++it) {
            auto *item = new QTreeWidgetItem(m_log, {localText(it->raised),
                                                     it->cleared ? localText(*it->cleared) : tr("active"),
                                                     it->alert.title});
            item->setIcon(2, severityIcon(style(), it->alert.severity));
            item->setToolTip(2, it->alert.seen);
        }
    }
    if (oldCount != m_active.size())
        Q_EMIT activeCountChanged(int(m_active.size()));
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
    if (row < 0 || row >= m_active.size()) {
        m_title->setText(m_active.isEmpty() ? tr("<b>No active alerts.</b> The rules look at every sample.")
                                            : tr("Select an alert to see what it saw and how to fix it."));
        m_seen->clear();
        m_why->clear();
        m_fix->clear();
        m_copy->setEnabled(false);
        m_save->setEnabled(false);
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

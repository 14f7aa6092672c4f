#include "ui/ops/auditview.h"

#include "data/ops/operationpath.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>

namespace bs {

namespace {

struct OutcomeStyle
{
    const char *name;
    QRgb color;
    const char *meaning;
};

// One table for the colours, the tooltips and the filter. Cleanup runs add started / cancelled /
// discarded rows around their batches' succeeded / failed ones.
constexpr OutcomeStyle Outcomes[] = {
    {"succeeded", 0x1e7b34, QT_TRANSLATE_NOOP("bs::AuditView", "The statement ran and committed.")},
    {"failed", 0xb02a1d, QT_TRANSLATE_NOOP("bs::AuditView", "The server refused or the run broke off: the message says why; a batch that failed rolled back.")},
    {"refused", 0xb36200, QT_TRANSLATE_NOOP("bs::AuditView", "Not sent: a read-only profile, a missing permission, an edited statement or a bad plan.")},
    {"started", 0x1f5fa8, QT_TRANSLATE_NOOP("bs::AuditView", "A leak cleanup run started or resumed; its batches follow as rows of their own.")},
    {"cancelled", 0x6b6b6b, QT_TRANSLATE_NOOP("bs::AuditView", "A leak cleanup run stopped by the user after its running batch; it can be resumed.")},
    {"discarded", 0x8a5a9e, QT_TRANSLATE_NOOP("bs::AuditView", "An unfinished leak cleanup run given up for a new one: never resumed; what it ended stays ended.")},
};

const OutcomeStyle *styleOf(const QString &outcome)
{
    for (const OutcomeStyle &o : Outcomes) {
        if (outcome == QLatin1String(o.name))
            return &o;
    }
    return nullptr;
}

} // namespace

QStringList AuditView::outcomes()
{
    QStringList out;
    for (const OutcomeStyle &o : Outcomes)
        out.append(QLatin1String(o.name));
    return out;
}

QString AuditView::outcomeMeaning(const QString &outcome)
{
    const OutcomeStyle *o = styleOf(outcome);
    return o ? tr(o->meaning) : QString();
}

QColor AuditView::outcomeColor(const QString &outcome)
{
    const OutcomeStyle *o = styleOf(outcome);
    return o ? QColor::fromRgb(o->color) : QColor(Qt::black);
}

AuditView::AuditView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 7))
    , m_filter(new QComboBox)
    , m_info(new QLabel)
{
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Login"), tr("Server / database"), tr("Operation"), tr("Outcome"),
                                        tr("Message"), tr("Statement")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_info, 1);
    m_filter->addItem(tr("All outcomes"), QString());
    for (const QString &o : outcomes()) {
        m_filter->addItem(o, o);
        m_filter->setItemData(m_filter->count() - 1, outcomeMeaning(o), Qt::ToolTipRole);
        m_filter->setItemData(m_filter->count() - 1, outcomeColor(o), Qt::ForegroundRole);
    }
    m_filter->setToolTip(tr("Show the rows of one outcome only; Export writes the rows shown."));
    bar->addWidget(m_filter);
    auto *refresh = new QPushButton(tr("Refresh"));
    auto *exportButton = new QPushButton(tr("Export CSV…"));
    bar->addWidget(refresh);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(refresh, &QPushButton::clicked, this, &AuditView::reload);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &AuditView::reload);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export audit"), QStringLiteral("broker-studio-audit.csv"),
                                                          tr("CSV files (*.csv)"));
        QString error;
        if (!file.isEmpty() && !exportTo(file, &error))
            QMessageBox::warning(this, tr("Export audit"), tr("Could not export: %1").arg(error));
    });
    reload();
}

void AuditView::setPath(OperationPath *path)
{
    if (m_path)
        disconnect(m_path, nullptr, this, nullptr);
    m_path = path;
    if (m_path)
        connect(m_path, &OperationPath::audited, this, &AuditView::reload);
    reload();
}

bool AuditView::exportTo(const QString &fileName, QString *error) const
{
    return AuditLog::exportCsv(m_records, fileName, error);
}

void AuditView::reload()
{
    m_records = m_path ? m_path->audit().records() : QList<AuditRecord>{};
    const qsizetype all = m_records.size();
    const QString only = m_filter->currentData().toString();
    if (!only.isEmpty())
        m_records.removeIf([&](const AuditRecord &r) { return r.outcome != only; });
    m_table->setRowCount(int(m_records.size()));
    for (int i = 0; i < m_records.size(); ++i) {
        const AuditRecord &r = m_records.at(i);
        const QStringList cells{r.timeUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.login,
                                r.server + QStringLiteral(" / ") + r.database, r.summary, r.outcome, r.message,
                                QString(r.statement).replace(QLatin1Char('\n'), QLatin1Char(' '))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(c == 6 ? r.statement + QLatin1Char('\n') + r.parameters : cells.at(c));
            if (c == 4) {
                item->setForeground(outcomeColor(r.outcome));
                item->setToolTip(outcomeMeaning(r.outcome));
                QFont bold = item->font();
                bold.setBold(r.outcome != QLatin1String("succeeded"));
                item->setFont(bold);
            }
            m_table->setItem(i, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_info->setText(!m_path                 ? tr("No connection.")
                        : !m_path->audit().isOpen() ? tr("No audit file: %1").arg(m_path->auditError())
                        : only.isEmpty()            ? tr("%1 audited operation(s) in %2").arg(all).arg(m_path->audit().path())
                                                    : tr("%1 of %2 audited operation(s) %3, in %4")
                                                          .arg(m_records.size()).arg(all).arg(only, m_path->audit().path()));
}

} // namespace bs

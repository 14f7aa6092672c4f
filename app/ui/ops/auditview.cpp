#include "ui/ops/auditview.h"

#include "data/ops/operationpath.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>

namespace bs {

AuditView::AuditView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 7))
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
    auto *refresh = new QPushButton(tr("Refresh"));
    auto *exportButton = new QPushButton(tr("Export CSV…"));
    bar->addWidget(refresh);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(refresh, &QPushButton::clicked, this, &AuditView::reload);
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
    m_table->setRowCount(int(m_records.size()));
    for (int i = 0; i < m_records.size(); ++i) {
        const AuditRecord &r = m_records.at(i);
        const QStringList cells{r.timeUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.login,
                                r.server + QStringLiteral(" / ") + r.database, r.summary, r.outcome, r.message,
                                QString(r.statement).replace(QLatin1Char('\n'), QLatin1Char(' '))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(c == 6 ? r.statement + QLatin1Char('\n') + r.parameters : cells.at(c));
            m_table->setItem(i, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_info->setText(!m_path                 ? tr("No connection.")
                        : !m_path->audit().isOpen() ? tr("No audit file: %1").arg(m_path->auditError())
                                                  : tr("%1 audited operation(s) in %2").arg(m_records.size()).arg(m_path->audit().path()));
}

} // namespace bs

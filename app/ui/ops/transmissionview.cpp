#include "ui/ops/transmissionview.h"

#include "core/ops/browse.h"
#include "data/ops/brokeroperations.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

namespace bs {

TransmissionView::TransmissionView(BrokerOperations *operations, QWidget *parent)
    : QWidget(parent)
    , m_operations(operations)
    , m_table(new QTableWidget(0, 6))
    , m_status(new QLabel)
{
    m_table->setHorizontalHeaderLabels({tr("Enqueued (local time)"), tr("To service"), tr("From service"), tr("Message type"),
                                        tr("transmission_status"), tr("Likely cause and what to check")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *refreshButton = new QPushButton(tr("Refresh"));
    bar->addWidget(refreshButton);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    connect(refreshButton, &QPushButton::clicked, this, &TransmissionView::refresh);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < m_handles.size())
            Q_EMIT conversationRequested(m_handles.at(row));
    });
    refresh();
}

void TransmissionView::refresh()
{
    if (!m_operations)
        return;
    m_status->setText(tr("Reading sys.transmission_queue…"));
    m_operations->browseTransmission(BrowsePageRows, this, [this](const QList<TransmissionMessage> &rows, const QString &error) {
        m_handles.clear();
        m_table->setRowCount(int(rows.size()));
        for (int i = 0; i < rows.size(); ++i) {
            const TransmissionMessage &t = rows.at(i);
            m_handles.append(t.conversationHandle);
            const QStringList cells{t.enqueueTimeUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), t.toService,
                                    t.fromService, t.messageTypeName,
                                    t.transmissionStatus.isEmpty() ? tr("(empty)") : t.transmissionStatus,
                                    transmissionCause(t.transmissionStatus)};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                item->setToolTip(cells.at(c));
                m_table->setItem(i, c, item);
            }
        }
        m_table->resizeColumnsToContents();
        for (int c = 1; c <= 4; ++c) // the cause, last, gets the rest; tooltips show the whole text
            m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 200));
        m_status->setText(!error.isEmpty() ? tr("Could not read sys.transmission_queue: %1").arg(error)
                          : rows.isEmpty() ? tr("The transmission queue is empty: every message has been delivered.")
                                           : tr("The %1 oldest waiting message(s); double-click one for its conversation.").arg(rows.size()));
        Q_EMIT loaded();
    });
}

} // namespace bs

#include "ui/ops/pairconversationsdialog.h"

#include "core/ops/browse.h"
#include "data/ops/brokeroperations.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

PairConversationsDialog::PairConversationsDialog(BrokerOperations *operations, const QString &local, const QString &far,
                                                 const QString &stateCode, QWidget *parent)
    : QDialog(parent)
    , m_status(new QLabel(tr("Reading the endpoints…")))
    , m_table(new QTableWidget(0, 4))
{
    setWindowTitle(tr("%1 endpoints: %2 → %3").arg(stateCode, local, far));
    resize(820, 460);
    auto *layout = new QVBoxLayout(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_table->setHorizontalHeaderLabels({tr("Handle"), tr("Side"), tr("Lifetime (UTC)"), tr("Security timestamp (UTC)")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        Q_EMIT conversationRequested(QUuid::fromString(m_table->item(row, 0)->text()));
    });
    if (operations)
        operations->pairConversations(local, far, stateCode, Rows, this,
                                      [this](const QList<ConversationEndpoint> &rows, const QString &error) { showRows(rows, error); });
}

void PairConversationsDialog::showRows(const QList<ConversationEndpoint> &rows, const QString &error)
{
    if (!error.isEmpty()) {
        m_status->setText(tr("The endpoints could not be read: %1").arg(error));
        Q_EMIT loaded();
        return;
    }
    m_status->setText(rows.size() < Rows ? tr("%n endpoint(s). Double-click one to open its conversation.", nullptr, int(rows.size()))
                                         : tr("The first %1 endpoints, oldest lifetime first. Double-click one to open "
                                              "its conversation.").arg(Rows));
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const ConversationEndpoint &e = rows.at(r);
        const QStringList cells{e.handle.toString(QUuid::WithoutBraces).toUpper(),
                                e.isInitiator ? tr("initiator") : tr("target"), e.lifetimeUtc.toString(Qt::ISODate),
                                e.securityTimestampUtc.toString(Qt::ISODate)};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
    }
    m_table->resizeColumnsToContents();
    Q_EMIT loaded();
}

} // namespace bs

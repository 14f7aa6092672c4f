#include "ui/ops/conversationdialog.h"

#include "core/ops/browse.h"
#include "data/ops/brokeroperations.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

namespace {

QTableWidget *table(const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setWordWrap(true);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

QString handleText(const QUuid &u)
{
    return u.toString(QUuid::WithoutBraces).toUpper();
}

} // namespace

ConversationDialog::ConversationDialog(BrokerOperations *operations, const QUuid &handle, QWidget *parent)
    : QDialog(parent)
    , m_handle(handle)
    , m_status(new QLabel(tr("Reading conversation %1…").arg(handleText(handle))))
    , m_endpoints(table({tr("Handle"), tr("Side"), tr("State"), tr("Local service"), tr("Far service"), tr("Lifetime (UTC)"), tr("What it means")}))
    , m_meaning(new QLabel)
    , m_transmission(table({tr("Enqueued (UTC)"), tr("To service"), tr("Message type"), tr("Status"), tr("Likely cause")}))
{
    setWindowTitle(tr("Conversation %1").arg(handleText(handle)));
    resize(980, 520);
    auto *layout = new QVBoxLayout(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Endpoints (sys.conversation_endpoints)")));
    m_endpoints->setMaximumHeight(170);
    layout->addWidget(m_endpoints, 1);
    m_meaning->setWordWrap(true);
    m_meaning->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_meaning->setObjectName(QStringLiteral("meaning"));
    layout->addWidget(m_meaning);
    layout->addWidget(new QLabel(tr("Waiting to be sent (sys.transmission_queue)")));
    layout->addWidget(m_transmission, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    for (const auto &[kind, text] : {std::pair{OperationKind::EndConversation, tr("End conversation…")},
                                     std::pair{OperationKind::EndConversationWithError, tr("End with error…")},
                                     std::pair{OperationKind::EndConversationWithCleanup, tr("End with cleanup…")}}) {
        QPushButton *b = buttons->addButton(text, QDialogButtonBox::ActionRole);
        connect(b, &QPushButton::clicked, this, [this, kind = kind] {
            Operation op;
            op.kind = kind;
            op.conversationHandle = m_handle;
            Q_EMIT operationRequested(op);
        });
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (operations)
        operations->conversation(handle, this, [this](const ConversationDetail &d) { showDetail(d); });
}

void ConversationDialog::showDetail(const ConversationDetail &d)
{
    if (!d.error.isEmpty()) {
        m_status->setText(d.error);
        Q_EMIT loaded();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_endpoints->setRowCount(int(d.endpoints.size()));
    for (int i = 0; i < d.endpoints.size(); ++i) {
        const ConversationEndpoint &e = d.endpoints.at(i);
        setRow(m_endpoints, i, {handleText(e.handle), e.isInitiator ? tr("initiator") : tr("target"), e.state, e.localService,
                                e.farService, e.lifetimeUtc.toString(Qt::ISODate), endpointStateExplained(e, now)});
    }
    m_endpoints->resizeColumnsToContents();
    QStringList meaning;
    for (const ConversationEndpoint &e : d.endpoints)
        meaning.append(QStringLiteral("<b>%1 (%2)</b>: %3").arg(e.isInitiator ? tr("Initiator") : tr("Target"), e.state,
                                                              endpointStateExplained(e, now).toHtmlEscaped()));
    m_meaning->setText(meaning.join(QStringLiteral("<br>")));
    m_transmission->setRowCount(int(d.transmission.size()));
    for (int i = 0; i < d.transmission.size(); ++i) {
        const TransmissionMessage &t = d.transmission.at(i);
        setRow(m_transmission, i, {t.enqueueTimeUtc.toString(Qt::ISODate), t.toService, t.messageTypeName,
                                   t.transmissionStatus, transmissionCause(t.transmissionStatus)});
    }
    m_transmission->resizeColumnsToContents();
    m_status->setText(tr("%1 endpoint(s) in this database; %2 message(s) queued for them; %3 waiting to be sent.")
                          .arg(d.endpoints.size())
                          .arg(d.queuedMessages < 0 ? tr("an unknown number of") : QString::number(d.queuedMessages))
                          .arg(d.transmission.size()));
    Q_EMIT loaded();
}

} // namespace bs

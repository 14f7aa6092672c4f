#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace bs {

/// Bodies are fetched one at a time and only their first MiB: a queue may hold 100 MiB bodies.
inline constexpr qint64 BodyCapBytes = 1024 * 1024;
/// Rows per page of a queue or the transmission queue: never a whole deep queue at once.
inline constexpr int BrowsePageRows = 200;

/// One message of a queue as a SELECT on the queue returns it (CREATE QUEUE page, queue columns),
/// without its body: only the body's size.
struct QueueMessage
{
    int status = 0; ///< 0 received (retained), 1 ready, 2 not yet complete, 3 retained sent
    int priority = 5;
    qint64 queuingOrder = 0;
    QUuid conversationGroup;
    QUuid conversationHandle;
    qint64 sequenceNumber = 0;
    QString serviceName;
    QString contractName;
    QString messageTypeName;
    QString validation; ///< E, N, X
    qint64 bodySize = 0;
    bool operator==(const QueueMessage &) const = default;
};

/// A page of a queue, in queuing order, starting after `afterQueuingOrder` (keyset paging: a page
/// deep in a queue costs what the first page costs).
struct QueueMessagePage
{
    QList<QueueMessage> messages;
    qint64 afterQueuingOrder = -1;
    bool hasMore = false;
    QString error;
};

/// A message's body as fetched: at most BodyCapBytes of it, with its whole size.
struct MessageBody
{
    QByteArray head;
    qint64 totalSize = 0;
    bool isNull = false; ///< the body is NULL (EndDialog messages have none)
    QString error;
    bool isTruncated() const { return totalSize > head.size(); }
};

/// A row of sys.transmission_queue, with the likely cause of its status in plain words.
struct TransmissionMessage
{
    QUuid conversationHandle;
    QString toService;
    QString toBrokerInstance;
    QString fromService;
    QString messageTypeName;
    QDateTime enqueueTimeUtc;
    qint64 sequenceNumber = 0;
    bool isEndOfDialog = false;
    bool isError = false;
    QString transmissionStatus;
};

/// One conversation endpoint (a row of sys.conversation_endpoints) for the conversation detail.
struct ConversationEndpoint
{
    QUuid handle;
    QUuid conversationId;
    QUuid conversationGroup;
    bool isInitiator = false;
    QString state; ///< two letters: CO, DI, DO, CD, ER, SO, SI
    QString localService;
    QString farService;
    QDateTime lifetimeUtc;
    QDateTime securityTimestampUtc; ///< 1900-01-01 when never set
};

/// Both sides of a conversation when both are local, and its messages waiting to be sent.
struct ConversationDetail
{
    QList<ConversationEndpoint> endpoints;
    QList<TransmissionMessage> transmission;
    qint64 queuedMessages = -1; ///< messages in the endpoints' queues, -1 when unknown
    QString error;
};

/// The message poison triage points at, and how it was picked (the server's rule or the
/// simulator's knowledge), so the DBA can judge the guess.
struct PoisonCandidate
{
    bool found = false;
    QueueMessage message;
    QString how;
    QString error;
};

/// A row of dbo.BrokerPoisonQuarantine (poison triage plan (a)), without its body.
struct QuarantinedMessage
{
    QDateTime quarantinedAtUtc;
    QString queueName;
    QUuid conversationHandle;
    QString messageTypeName;
    QString serviceName;
    QString validation;
    qint64 bodySize = 0;
};

/// The likely cause of a transmission_status text and the check to run, in plain words.
QString transmissionCause(const QString &transmissionStatus);
/// What an endpoint state means and whether the endpoint will ever go away by itself.
QString endpointStateExplained(const ConversationEndpoint &endpoint, const QDateTime &nowUtc);

} // namespace bs

Q_DECLARE_METATYPE(bs::QueueMessagePage)
Q_DECLARE_METATYPE(bs::MessageBody)

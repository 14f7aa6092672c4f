#pragma once

#include "core/ops/operation.h"

namespace bs {

/// The read-only statements of the browse views, from sql/ops/browse_*.sql, with the same
/// discipline as the operations: identifiers quoted into the text, values bound as @Pn.
class BrowseStatements
{
public:
    /// Up to `rows` messages of `queue` after `afterQueuingOrder`, in queuing order, sizes only.
    static OperationStatement queuePage(const QueueRef &queue, qint64 afterQueuingOrder, int rows);
    /// One message's body: its size and its first BodyCapBytes.
    static OperationStatement body(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber);
    /// The oldest `rows` messages of sys.transmission_queue.
    static OperationStatement transmissionQueue(int rows);
    /// The endpoint rows of the conversation of `handle` (both sides when both are local).
    static OperationStatement conversationEndpoints(const QUuid &handle);
    /// The transmission-queue messages of the conversation of `handle`.
    static OperationStatement conversationTransmission(const QUuid &handle);
    /// Up to `rows` endpoints of local service `local` talking to `far` in state `stateCode` ("CD").
    static OperationStatement pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows);
    /// The newest `rows` rows of dbo.BrokerPoisonQuarantine (poison triage plan (a)), sizes only.
    static OperationStatement quarantine(int rows);
};

} // namespace bs

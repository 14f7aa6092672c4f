#pragma once

#include <QString>

namespace bs {

/// The T-SQL an alert offers as its fix. Shown, copied or saved by the user; Broker Studio
/// never runs it. Identifiers pass bs::quoteIdentifier and string values bs::quoteLiteral.
/// Syntax follows Microsoft Learn: ALTER QUEUE, ALTER DATABASE SET ENABLE_BROKER,
/// END CONVERSATION (see SERVICE_BROKER.md §4–§8).
class AlertFixScript
{
public:
    /// Recovers a queue disabled by poison message handling: turns it back on with activation
    /// OFF (so activation does not pick the same message again), shows the messages with their
    /// bodies as what they are (XML or binary), shows how to set the poison message aside in a
    /// quarantine table or remove it (END CONVERSATION ... WITH ERROR), then turns activation back on.
    /// Without activation (`hasActivation` false) it only turns the queue on after the same steps.
    static QString enableQueue(const QString &schema, const QString &queue, bool hasActivation = true);
    /// Turns activation back on for a queue whose activation is off.
    static QString enableActivation(const QString &schema, const QString &queue);
    /// How a growing queue's messages are spread over conversation groups (RECEIVE locks one group,
    /// so no more readers can work than there are groups with messages), and who reads it.
    static QString inspectBacklog(const QString &schema, const QString &queue);
    /// Restarts a queue monitor stuck in NOTIFIED by switching activation off and on.
    static QString restartActivation(const QString &schema, const QString &queue);
    /// Raises MAX_QUEUE_READERS (to `newMaxReaders`).
    static QString raiseMaxReaders(const QString &schema, const QString &queue, int newMaxReaders);
    /// Removes CLOSED endpoints whose security_timestamp was never set (Rusanu's cleanup), except those
    /// with a message still in sys.transmission_queue (WITH CLEANUP would delete it).
    static QString cleanupLeakedClosed(const QString &localService, const QString &farService);
    /// Ends the DISCONNECTED_INBOUND (or ERROR) endpoints the local side never ended: first a SELECT of
    /// how many still have messages in the local service's queue ([queueSchema].[queueName]), then
    /// END CONVERSATION in batches of 1,000 for those with no message left (END deletes them).
    /// Without a queue name it only lists the endpoints (see inspectWithoutQueue).
    static QString endDisconnected(const QString &localService, const QString &farService,
                                   const QString &stateCode, const QString &queueSchema,
                                   const QString &queueName);
    /// For a target whose initiator ended first (the target's endpoints are DISCONNECTED_INBOUND): step A
    /// is endDisconnected's guarded, batched END of the DI conversations with nothing left in the queue
    /// (their EndDialog lets the initiator's DISCONNECTED_OUTBOUND endpoints go); step B is
    /// cleanupLeakedClosed, because each of those ENDs leaves a CLOSED target endpoint with an unset
    /// security_timestamp that would stay until LIFETIME. Without a queue name it only lists.
    static QString endDisconnectedTarget(const QString &targetService, const QString &initiatorService,
                                         const QString &queueSchema, const QString &queueName);
    /// Lists the endpoints of a pair in one state, for when the local queue is unknown.
    static QString inspectWithoutQueue(const QString &localService, const QString &farService,
                                       const QString &stateCode);
    /// Shows what is waiting for the far side: endpoints in DO and their transmission status.
    static QString inspectFarSide(const QString &localService, const QString &farService);
    /// Lists CONVERSING endpoints of a pair, oldest first.
    static QString inspectConversing(const QString &localService, const QString &farService);
    /// Lists never-expiring endpoints of a pair in one state.
    static QString inspectNeverExpiring(const QString &localService, const QString &farService, const QString &stateCode);
    /// Lists the stuck rows of sys.transmission_queue with one status.
    static QString inspectTransmission(const QString &status);
    /// Reads the SQL Server error log for the activated procedures' errors (sp_readerrorlog).
    static QString readErrorLog();
    /// Where to look for messages the instance received but could not deliver to a queue: the
    /// transmission queue by status, the routes, and the error log.
    static QString inspectDroppedMessages();
    /// Enables the broker in the database.
    static QString enableBroker(const QString &database);
};

} // namespace bs

#pragma once

#include "data/ops/brokeroperations.h"

namespace bs {

class SimBrokerSource;

/// BrokerOperations on the simulator: the demo as a training ground. Browsing reads the running
/// simulation; operations change it with the statements' semantics (END → EndDialog to the far
/// side, WITH ERROR → an Error message there, WITH CLEANUP → the endpoint gone silently, ALTER
/// QUEUE switches), so the monitor shows their effect in its next sample. The simulated login
/// holds every permission; a read-only flag still refuses every write.
class SimBrokerOperations : public BrokerOperations
{
    Q_OBJECT
public:
    explicit SimBrokerOperations(SimBrokerSource *source);

    OperationsIdentity identity() const override;
    QString unsupportedReason(OperationKind kind) const override;
    void browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                     std::function<void(const QueueMessagePage &)> done) override;
    void fetchBody(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber, QObject *context,
                   std::function<void(const MessageBody &)> done) override;
    void browseTransmission(int rows, QObject *context,
                            std::function<void(const QList<TransmissionMessage> &, const QString &)> done) override;
    void poisonCandidate(const QueueRef &queue, QObject *context, std::function<void(const PoisonCandidate &)> done) override;
    void pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows, QObject *context,
                           std::function<void(const QList<ConversationEndpoint> &, const QString &)> done) override;
    void browseQuarantine(int rows, QObject *context,
                          std::function<void(const QList<QuarantinedMessage> &, const QString &)> done) override;
    void conversation(const QUuid &handle, QObject *context, std::function<void(const ConversationDetail &)> done) override;
    void checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done) override;
    void run(const Operation &op, const OperationStatement &statement, QObject *context,
             std::function<void(const OperationResult &)> done) override;
    void cleanupCount(const CleanupPlan &plan, QObject *context, std::function<void(const CleanupDryRun &)> done) override;
    void cleanupBatch(const CleanupPlan &plan, const QUuid &after, const OperationStatement &statement, QObject *context,
                      std::function<void(const CleanupBatchResult &)> done) override;

private:
    OperationResult apply(const Operation &op);
    int queueIndex(const QueueRef &queue) const;
    OperationResult quarantine(const Operation &op);

    SimBrokerSource *m_source;
    /// The simulated dbo.BrokerPoisonQuarantine, newest last.
    QList<QuarantinedMessage> m_quarantine;
};

} // namespace bs

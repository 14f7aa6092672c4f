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
    void conversation(const QUuid &handle, QObject *context, std::function<void(const ConversationDetail &)> done) override;
    void checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done) override;
    void run(const Operation &op, const OperationStatement &statement, QObject *context,
             std::function<void(const OperationResult &)> done) override;

private:
    OperationResult apply(const Operation &op);

    SimBrokerSource *m_source;
};

} // namespace bs

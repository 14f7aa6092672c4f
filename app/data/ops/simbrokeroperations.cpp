#include "data/ops/simbrokeroperations.h"

#include "core/sim/simulator.h"
#include "data/sim/simbrokersource.h"

#include <QElapsedTimer>

namespace bs {

SimBrokerOperations::SimBrokerOperations(SimBrokerSource *source)
    : BrokerOperations(source)
    , m_source(source)
{
}

OperationsIdentity SimBrokerOperations::identity() const
{
    return {tr("(simulation)"), m_source->simulator()->catalog().database.databaseName, tr("dba (simulated)")};
}

void SimBrokerOperations::browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                                      std::function<void(const QueueMessagePage &)> done)
{
    QueueMessagePage page;
    page.afterQueuingOrder = afterQueuingOrder;
    const QList<Queue> queues = m_source->simulator()->catalog().queues;
    int index = -1;
    for (int i = 0; i < queues.size(); ++i) {
        if (queues.at(i).schema == queue.schema && queues.at(i).name == queue.name)
            index = i;
    }
    if (index < 0)
        page.error = tr("Invalid object name '%1'.").arg(queue.displayName());
    else
        page.messages = m_source->simulator()->queueMessages(index, afterQueuingOrder, rows, &page.hasMore);
    later(context, [done, page] { done(page); });
}

void SimBrokerOperations::fetchBody(const QueueRef &, const QUuid &handle, qint64 sequenceNumber, QObject *context,
                                    std::function<void(const MessageBody &)> done)
{
    const MessageBody body = m_source->simulator()->messageBody(handle, sequenceNumber);
    later(context, [done, body] { done(body); });
}

void SimBrokerOperations::browseTransmission(int rows, QObject *context,
                                             std::function<void(const QList<TransmissionMessage> &, const QString &)> done)
{
    const QList<TransmissionMessage> rowsOut = m_source->simulator()->transmissionMessages(rows);
    later(context, [done, rowsOut] { done(rowsOut, QString()); });
}

void SimBrokerOperations::conversation(const QUuid &handle, QObject *context,
                                       std::function<void(const ConversationDetail &)> done)
{
    const ConversationDetail detail = m_source->simulator()->conversation(handle);
    later(context, [done, detail] { done(detail); });
}

void SimBrokerOperations::checkPermission(const Operation &, QObject *context,
                                          std::function<void(const PermissionResult &)> done)
{
    later(context, [done] { done(PermissionResult{true, QString(), QString()}); });
}

void SimBrokerOperations::run(const Operation &op, const OperationStatement &, QObject *context,
                              std::function<void(const OperationResult &)> done)
{
    OperationResult result;
    if (isReadOnly()) {
        result.message = readOnlyReason();
    } else {
        QElapsedTimer timer;
        timer.start();
        result = apply(op);
        result.elapsedMs = timer.elapsed();
        if (result.ok)
            Q_EMIT changed();
    }
    later(context, [done, result] { done(result); });
}

QString SimBrokerOperations::unsupportedReason(OperationKind kind) const
{
    // The simulator models a broker's runtime, not T-SQL: it cannot run a script honestly.
    if (kind == OperationKind::DeployScript)
        return tr("The simulated broker cannot run T-SQL scripts: deploy to a database on a server, "
                  "or save the script and run it there.");
    return QString();
}

OperationResult SimBrokerOperations::apply(const Operation &op)
{
    sim::Simulator *sim = m_source->simulator();
    OperationResult r;
    QString error;
    sim::ChangeSpec change;
    change.target = op.queue.displayName();
    switch (op.kind) {
    case OperationKind::EndConversation:
        r.ok = sim->endConversation(op.conversationHandle, sim::EndpointEvent::End, 0, &error);
        break;
    case OperationKind::EndConversationWithError:
        r.ok = sim->endConversation(op.conversationHandle, sim::EndpointEvent::EndWithError, op.errorCode, &error);
        break;
    case OperationKind::EndConversationWithCleanup:
        r.ok = sim->endConversation(op.conversationHandle, sim::EndpointEvent::EndWithCleanup, 0, &error);
        break;
    case OperationKind::QueueStatus:
        change.status = op.enable;
        r.ok = sim->alterQueue(change, &error);
        break;
    case OperationKind::QueueActivation:
        change.activation = op.enable;
        r.ok = sim->alterQueue(change, &error);
        break;
    case OperationKind::QueueMaxReaders:
        change.maxReaders = op.maxReaders;
        r.ok = sim->alterQueue(change, &error);
        break;
    case OperationKind::DeployScript:
        error = unsupportedReason(op.kind);
        break;
    }
    r.message = r.ok ? tr("Commands completed successfully.") : error;
    r.errorNumber = r.ok ? 0 : (error.contains(QLatin1String("conversation handle")) ? 8426 : 15151);
    return r;
}

} // namespace bs

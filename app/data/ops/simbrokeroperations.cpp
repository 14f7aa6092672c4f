#include "data/ops/simbrokeroperations.h"

#include "core/sim/simulator.h"
#include "core/sqlquote.h"
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

int SimBrokerOperations::queueIndex(const QueueRef &queue) const
{
    const QList<Queue> queues = m_source->simulator()->catalog().queues;
    for (int i = 0; i < queues.size(); ++i) {
        if (queues.at(i).schema == queue.schema && queues.at(i).name == queue.name)
            return i;
    }
    return -1;
}

void SimBrokerOperations::poisonCandidate(const QueueRef &queue, QObject *context,
                                          std::function<void(const PoisonCandidate &)> done)
{
    const int index = queueIndex(queue);
    PoisonCandidate c;
    if (index < 0)
        c.error = tr("Invalid object name '%1'.").arg(queue.displayName());
    else
        c = m_source->simulator()->poisonCandidate(index);
    later(context, [done, c] { done(c); });
}

void SimBrokerOperations::pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows,
                                            QObject *context,
                                            std::function<void(const QList<ConversationEndpoint> &, const QString &)> done)
{
    sim::Simulator *sim = m_source->simulator();
    QList<ConversationEndpoint> out;
    QString error;
    const std::optional<EndpointState> state = endpointStateFromCode(stateCode);
    if (!state) {
        error = tr("No endpoint state '%1'.").arg(stateCode);
    } else {
        for (const QUuid &handle : sim->endpointHandles(local, far, {*state}, rows)) {
            for (const ConversationEndpoint &e : sim->conversation(handle).endpoints) {
                if (e.handle == handle)
                    out.append(e);
            }
        }
    }
    later(context, [done, out, error] { done(out, error); });
}

void SimBrokerOperations::browseQuarantine(int rows, QObject *context,
                                           std::function<void(const QList<QuarantinedMessage> &, const QString &)> done)
{
    QList<QuarantinedMessage> newest;
    for (qsizetype i = m_quarantine.size() - 1; i >= 0 && newest.size() < rows; --i)
        newest.append(m_quarantine.at(i));
    later(context, [done, newest] { done(newest, QString()); });
}

OperationResult SimBrokerOperations::quarantine(const Operation &op)
{
    // poison_quarantine.sql step by step: the queue on with activation off, the conversation's
    // messages copied, the conversation ended WITH ERROR 127, activation back on.
    sim::Simulator *sim = m_source->simulator();
    OperationResult r;
    QString error;
    sim::ChangeSpec change;
    change.target = op.queue.displayName();
    change.status = true;
    if (op.hasActivation)
        change.activation = false;
    if (!sim->alterQueue(change, &error)) {
        r.message = error;
        r.errorNumber = 15151;
        return r;
    }
    QList<QuarantinedMessage> copied;
    for (const QueueMessage &m : sim->conversationMessages(queueIndex(op.queue), op.conversationHandle))
        copied.append({sim->currentTime().toUTC(), quoteIdentifier(op.queue.schema) + QLatin1Char('.') + quoteIdentifier(op.queue.name),
                       m.conversationHandle, m.messageTypeName, m.serviceName, m.validation, m.bodySize});
    // XACT_ABORT: a failed END leaves the queue on with activation off, nothing copied.
    if (!sim->endConversation(op.conversationHandle, sim::EndpointEvent::EndWithError, 127, &error)) {
        r.message = error;
        r.errorNumber = 8426;
        return r;
    }
    m_quarantine.append(copied);
    if (op.hasActivation) {
        sim::ChangeSpec on;
        on.target = change.target;
        on.activation = true;
        sim->alterQueue(on, &error);
    }
    r.ok = true;
    r.message = tr("Commands completed successfully (%n message(s) quarantined).", nullptr, int(copied.size()));
    return r;
}

void SimBrokerOperations::browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                                      std::function<void(const QueueMessagePage &)> done)
{
    QueueMessagePage page;
    page.afterQueuingOrder = afterQueuingOrder;
    const int index = queueIndex(queue);
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

void SimBrokerOperations::cleanupCount(const CleanupPlan &plan, QObject *context,
                                       std::function<void(const CleanupDryRun &)> done)
{
    CleanupDryRun dry;
    dry.error = plan.validate();
    if (dry.error.isEmpty())
        dry.counts = m_source->simulator()->cleanupCount(plan);
    later(context, [done, dry] { done(dry); });
}

void SimBrokerOperations::cleanupBatch(const CleanupPlan &plan, const QUuid &after, const OperationStatement &,
                                       QObject *context, std::function<void(const CleanupBatchResult &)> done)
{
    CleanupBatchResult result;
    if (isReadOnly())
        result.error = readOnlyReason();
    else if (!plan.validate().isEmpty())
        result.error = plan.validate();
    else
        result = m_source->simulator()->cleanupBatch(plan, after);
    if (result.ok && result.endedWithCleanup + result.ended > 0)
        Q_EMIT changed();
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
    case OperationKind::SendMessage:
        r.ok = sim->sendMessage(op.fromService, op.toService, op.contract, op.messageType, op.body, op.endAfterSend,
                                &r.conversationHandle, &error);
        r.message = r.ok ? tr("Commands completed successfully.") : error;
        // 8431 is SQL Server's "not part of the service contract"; a pair the simulation has no
        // workload for is the simulator's own limit, with no server error number.
        r.errorNumber = !r.ok && error.contains(QLatin1String("contract.")) ? 8431 : 0;
        return r;
    case OperationKind::PoisonQuarantine:
        return quarantine(op);
    case OperationKind::QueueResumeForDebug:
        change.status = true;
        change.activation = false;
        r.ok = sim->alterQueue(change, &error);
        break;
    case OperationKind::DatabaseBroker: {
        const qint64 ended = sim->setBrokerOption(op.brokerSwitch);
        r.ok = true;
        r.message = tr("Commands completed successfully (%n conversation endpoint(s) ended).", nullptr, int(ended));
        return r;
    }
    case OperationKind::DeployScript:
        error = unsupportedReason(op.kind);
        break;
    }
    r.message = r.ok ? tr("Commands completed successfully.") : error;
    r.errorNumber = r.ok ? 0 : (error.contains(QLatin1String("conversation handle")) ? 8426 : 15151);
    return r;
}

} // namespace bs

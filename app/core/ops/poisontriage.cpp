#include "core/ops/poisontriage.h"

#include "core/alerts/alertrulesupport.h"

#include <QStringList>

namespace bs {

QString PoisonTriage::whyDisabled(const Queue &q, const QDateTime &disabledSince)
{
    // sys.service_queues: https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-queues-transact-sql
    // Poison message handling: https://learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages
    QStringList lines;
    if (q.isReceiveEnabled)
        return QStringLiteral("The queue is not disabled: is_receive_enabled = 1.");
    lines << QStringLiteral("is_receive_enabled = 0: RECEIVE from this queue fails; is_enqueue_enabled = %1%2.")
                 .arg(q.isEnqueueEnabled ? 1 : 0)
                 .arg(q.isEnqueueEnabled ? QString()
                                         : QStringLiteral(" (new messages wait in the senders' sys.transmission_queue)"));
    if (q.isPoisonMessageHandlingEnabled) {
        lines << QStringLiteral("is_poison_message_handling_enabled = 1: Service Broker turns a queue off after five "
                                "rollbacks in a row of a transaction that RECEIVEd from it (the 5-rollback rule). That is "
                                "the likely cause: one message makes its reader fail and roll back every time.");
    } else {
        lines << QStringLiteral("is_poison_message_handling_enabled = 0: the broker never turns this queue off by "
                                "itself, so somebody (or a script) ran ALTER QUEUE … WITH STATUS = OFF.");
    }
    if (q.hasActivation())
        lines << QStringLiteral("Activation: %1 with %2, %3; while the queue is off no reader starts.")
                     .arg(q.activationProcedure)
                     .arg(q.maxReaders)
                     .arg(q.isActivationEnabled ? QStringLiteral("on") : QStringLiteral("off"));
    lines << (disabledSince.isValid()
                  ? QStringLiteral("The monitor first saw it off at %1 UTC.").arg(disabledSince.toUTC().toString(Qt::ISODate))
                  : QStringLiteral("When it went off is not known to the monitor."));
    lines << QStringLiteral("The Broker:Queue Disabled event (SQL Trace, or a QUEUE_DISABLED event notification) "
                            "names the moment; Broker Studio does not subscribe to it, so it is not shown here.");
    return lines.join(QLatin1Char('\n'));
}

QList<PoisonPlan> PoisonTriage::plans(const Queue &q, const QUuid &poisonHandle)
{
    const QueueRef ref{q.schema, q.name};
    QList<PoisonPlan> out;
    Operation a;
    a.kind = OperationKind::PoisonQuarantine;
    a.queue = ref;
    a.conversationHandle = poisonHandle;
    a.hasActivation = q.hasActivation();
    out.append({QStringLiteral("quarantine"),
                QStringLiteral("(a) Quarantine the message, end its conversation with an error, re-enable"),
                QStringLiteral("When the message is bad data: its conversation's messages are kept in "
                               "dbo.BrokerPoisonQuarantine (browsable afterwards), the sender gets Error 127, and the "
                               "queue comes back with activation; the backlog drains."),
                a, true});
    Operation b;
    b.kind = OperationKind::QueueResumeForDebug;
    b.queue = ref;
    out.append({QStringLiteral("debug"), QStringLiteral("(b) Re-enable with activation off, to debug by hand"),
                QStringLiteral("When the procedure may be at fault: nothing RECEIVEs until you do, in a query window, "
                               "in a transaction you can roll back. Turn activation on when it is fixed."),
                b, false});
    Operation c;
    c.kind = OperationKind::QueueStatus;
    c.queue = ref;
    c.enable = true;
    out.append({QStringLiteral("watch"), QStringLiteral("(c) Re-enable and watch"),
                QStringLiteral("When the cause was passing (a deadlock, a lock timeout, a dependency that is back): the "
                               "queue comes back as it was. Watch the Queues table: if it is off again within seconds, the "
                               "message still fails — use (a) or (b)."),
                c, false});
    return out;
}

QList<AlertAction> alertActions(const Alert &alert, const BrokerCatalog &catalog)
{
    QList<AlertAction> out;
    const bool aboutQueue = alert.kind == AlertKind::QueueDisabled || alert.kind == AlertKind::QueueBacklog
        || alert.kind == AlertKind::ReadersSaturated || alert.kind == AlertKind::ActivationStuckNotified;
    if (!aboutQueue)
        return out;
    // The subject is the queue's label as the rules write it, matched whole (a name may hold a dot).
    for (const Queue &q : catalog.queues) {
        if (alert.subject != alertrules::queueLabel(q.schema, q.name))
            continue;
        const QueueRef ref{q.schema, q.name};
        if (alert.kind == AlertKind::QueueDisabled)
            out.append({QStringLiteral("triage"), QStringLiteral("Triage…"), ref});
        out.append({QStringLiteral("messages"), QStringLiteral("Messages…"), ref});
        break;
    }
    return out;
}

} // namespace bs

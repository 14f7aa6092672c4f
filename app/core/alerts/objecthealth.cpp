#include "core/alerts/objecthealth.h"

#include "core/sqlquote.h"

namespace bs {

namespace {

ObjectHealth::Level levelOf(const Alert &a)
{
    return a.severity == AlertSeverity::Critical ? ObjectHealth::Error : ObjectHealth::Warning;
}

// The worse of `health` and the alert; an alert as bad as the reading explains it better.
void takeAlert(ObjectHealth &health, const Alert &a)
{
    if (levelOf(a) >= health.level) {
        health.level = levelOf(a);
        health.reason = a.title;
    }
}

} // namespace

ObjectHealth queueHealth(const QueueSample &q, const QList<Alert> &activeAlerts)
{
    ObjectHealth h;
    if (!q.isReceiveEnabled)
        h = {ObjectHealth::Error, QStringLiteral("Receive disabled: poison message? Senders' messages wait in sys.transmission_queue.")};
    else if (!q.isEnqueueEnabled)
        h = {ObjectHealth::Error, QStringLiteral("Enqueue disabled: new messages cannot arrive.")};
    else if (q.isActivationEnabled && q.monitorState == QueueMonitorState::Notified && q.activeReaders == 0 && q.depth > 0)
        h = {ObjectHealth::Warning, QStringLiteral("Queue monitor NOTIFIED with messages waiting and no activated task.")};
    else if (q.isActivationEnabled && q.maxReaders > 0 && q.activeReaders >= q.maxReaders && q.depth > 0)
        h = {ObjectHealth::Warning, QStringLiteral("All %1 readers busy (MAX_QUEUE_READERS) with messages waiting.").arg(q.maxReaders)};
    const QString subject = quoteIdentifier(q.schema) + QLatin1Char('.') + quoteIdentifier(q.name);
    for (const Alert &a : activeAlerts) {
        if (a.subject == subject)
            takeAlert(h, a);
    }
    if (h.level == ObjectHealth::Normal)
        h.reason = QStringLiteral("OK");
    return h;
}

ObjectHealth serviceHealth(const QString &service, const QList<Alert> &activeAlerts)
{
    ObjectHealth h;
    const QString prefix = service + QStringLiteral(" ↔ ");
    for (const Alert &a : activeAlerts) {
        if (a.subject.startsWith(prefix))
            takeAlert(h, a);
    }
    if (h.level == ObjectHealth::Normal)
        h.reason = QStringLiteral("OK");
    return h;
}

} // namespace bs

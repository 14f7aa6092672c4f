// The database and queue rules: broker disabled, queue disabled, activation stuck in NOTIFIED,
// readers saturated.

#include "core/alerts/alertfixscript.h"
#include "core/alerts/alertrulesupport.h"
#include "core/alerts/alertthresholds.h"

#include <algorithm>

namespace bs::alertrules {

namespace {

class BrokerDisabledRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::BrokerDisabled; }
    QString name() const override { return QStringLiteral("broker-disabled"); }
    QString title() const override { return QStringLiteral("Service Broker disabled"); }
    QStringList reads() const override { return {QStringLiteral("monitor.broker_enabled")}; }
    bool canSee(const MonitorSample &s) const override
    {
        return AlertRule::canSee(s) && s.isBrokerEnabled.has_value();
    }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        const MonitorSample &s = ctx.latest();
        if (!s.isBrokerEnabled.has_value() || *s.isBrokerEnabled)
            return {};
        Alert a = makeAlert(*this, AlertSeverity::Critical, ctx.catalog.database.databaseName, false);
        a.title = QStringLiteral("Service Broker is disabled in the database");
        a.seen = QStringLiteral("sys.databases.is_broker_enabled = 0; %1 message(s) wait in sys.transmission_queue.")
                     .arg(number(s.transmissionQueueSize));
        a.why = QStringLiteral("With the broker disabled nothing leaves sys.transmission_queue and nothing is delivered "
                               "to the queues: SENDs still succeed, so applications look healthy while messages pile up. "
                               "A restored or attached database comes up with the broker disabled.");
        a.fixSql = AlertFixScript::enableBroker(ctx.catalog.database.databaseName);
        return {a};
    }
};

class QueueDisabledRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::QueueDisabled; }
    QString name() const override { return QStringLiteral("queue-disabled"); }
    QString title() const override { return QStringLiteral("Queue disabled (poison message)"); }
    QStringList reads() const override { return {QStringLiteral("monitor.queue_depth")}; }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        QList<Alert> result;
        for (const QueueSample &q : ctx.latest().queues) {
            if (q.isReceiveEnabled)
                continue;
            Alert a = makeAlert(*this, AlertSeverity::Critical, queueLabel(q.schema, q.name));
            a.title = QStringLiteral("Queue %1 is disabled (receive off)").arg(a.subject);
            QStringList services;
            bool hasActivation = q.isActivationEnabled || q.maxReaders > 0;
            if (const Queue *cq = ctx.catalog.queueByName(q.schema, q.name)) {
                hasActivation = hasActivation || !cq->activationProcedure.isEmpty();
                for (const Service *svc : ctx.catalog.servicesOnQueue(cq->objectId))
                    services.append(svc->name);
            }
            a.seen = QStringLiteral("is_receive_enabled = 0, is_enqueue_enabled = %1, %2 message(s) in the queue%3.")
                         .arg(q.isEnqueueEnabled ? 1 : 0)
                         .arg(number(q.depth))
                         .arg(services.isEmpty() ? QString() : QStringLiteral("; services: ") + services.join(QStringLiteral(", ")));
            a.why = QStringLiteral("Five rollbacks in a row of a transaction that received from this queue make Service "
                                   "Broker turn the queue off (poison message handling). While it is off RECEIVE fails, "
                                   "activation stops and senders' messages wait in sys.transmission_queue. Turn the "
                                   "queue back on with activation off, set the message that keeps failing aside, then "
                                   "turn activation on again: turned on at once, activation picks the same message "
                                   "and the queue is disabled again within five attempts.");
            a.fixSql = AlertFixScript::enableQueue(q.schema, q.name, hasActivation);
            result.append(a);
        }
        return result;
    }
};

class ActivationStuckRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::ActivationStuckNotified; }
    QString name() const override { return QStringLiteral("activation-stuck"); }
    QString title() const override { return QStringLiteral("Activation stuck in NOTIFIED"); }
    QStringList reads() const override
    {
        return {QStringLiteral("monitor.queue_monitors"), QStringLiteral("monitor.activated_tasks")};
    }
    QList<AlertThreshold> thresholds() const override { return {AlertThresholds::notifiedStuckSeconds()}; }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        const MonitorSample &latest = ctx.latest();
        QList<Alert> result;
        for (const QueueSample &q : latest.queues) {
            if (!q.isActivationEnabled || !q.isReceiveEnabled || q.monitorState != QueueMonitorState::Notified
                || q.depth <= 0 || q.activeReaders > 0)
                continue;
            // How long has it looked like this, without a break?
            QDateTime since = latest.time;
            for (auto it = ctx.window.rbegin(); it != ctx.window.rend(); ++it) {
                const QueueSample *p = it->queue(q.schema, q.name);
                if (!p || p->monitorState != QueueMonitorState::Notified || p->depth <= 0 || p->activeReaders > 0)
                    break;
                since = it->time;
            }
            const qint64 stuck = since.secsTo(latest.time);
            if (stuck < ctx.settings.notifiedStuckSeconds)
                continue;
            Alert a = makeAlert(*this, AlertSeverity::Critical, queueLabel(q.schema, q.name));
            a.title = QStringLiteral("Activation of %1 is stuck in NOTIFIED").arg(a.subject);
            QString proc;
            if (const Queue *cq = ctx.catalog.queueByName(q.schema, q.name))
                proc = cq->activationProcedure;
            a.seen = QStringLiteral("Queue monitor NOTIFIED for %1 with %2 message(s) waiting and no activated task%3.")
                         .arg(duration(stuck), number(q.depth),
                              proc.isEmpty() ? QString() : QStringLiteral(" (procedure %1)").arg(proc));
            a.why = QStringLiteral("NOTIFIED means the monitor launched the activation procedure and waits for someone to "
                                   "RECEIVE before it launches another. A procedure that returns without RECEIVE, or fails "
                                   "inside it (a CAST in the column list, say), leaves the monitor there: no new task "
                                   "starts, the queue only grows, and nothing is logged.");
            a.fixSql = AlertFixScript::restartActivation(q.schema, q.name);
            result.append(a);
        }
        return result;
    }
};

class ReadersSaturatedRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::ReadersSaturated; }
    QString name() const override { return QStringLiteral("readers-saturated"); }
    QString title() const override { return QStringLiteral("Readers saturated"); }
    QStringList reads() const override
    {
        return {QStringLiteral("monitor.activated_tasks"), QStringLiteral("monitor.queue_depth")};
    }
    QList<AlertThreshold> thresholds() const override
    {
        return {AlertThresholds::depthGrowthSamples(), AlertThresholds::depthMinIncrease(),
                AlertThresholds::steadyPercent(), AlertThresholds::backlogCriticalDepth()};
    }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        const qsizetype n = std::max(2, ctx.settings.depthGrowthSamples);
        const auto &window = ctx.window;
        if (qsizetype(window.size()) < n)
            return {};
        QList<Alert> result;
        for (const QueueSample &q : ctx.latest().queues) {
            if (!q.isActivationEnabled || q.maxReaders <= 0 || q.activeReaders < q.maxReaders)
                continue;
            QList<qint64> depths;
            bool atMaxThroughout = true;
            for (qsizetype i = qsizetype(window.size()) - n; i < qsizetype(window.size()); ++i) {
                const QueueSample *p = window[size_t(i)].queue(q.schema, q.name);
                if (!p || !window[size_t(i)].isAvailable(QStringLiteral("monitor.queue_depth"))) {
                    atMaxThroughout = false;
                    break;
                }
                atMaxThroughout = atMaxThroughout && p->activeReaders >= p->maxReaders;
                depths.append(p->depth);
            }
            if (!atMaxThroughout || !growsSteadily(depths, ctx.settings.depthMinIncrease, ctx.settings.steadyFraction))
                continue;
            const AlertSeverity severity =
                q.depth >= ctx.settings.backlogCriticalDepth ? AlertSeverity::Critical : AlertSeverity::Warning;
            Alert a = makeAlert(*this, severity, queueLabel(q.schema, q.name));
            a.title = QStringLiteral("%1: all %2 readers busy and the queue keeps growing").arg(a.subject).arg(q.maxReaders);
            a.seen = QStringLiteral("%1 of MAX_QUEUE_READERS = %2 tasks running; depth %3 → %4 over the last %5 samples.")
                         .arg(q.activeReaders).arg(q.maxReaders).arg(number(depths.first()), number(depths.last())).arg(n);
            a.why = QStringLiteral("Activation starts a new task only while fewer than MAX_QUEUE_READERS run, so the queue "
                                   "drains no faster than these readers can RECEIVE. If messages keep arriving faster, the "
                                   "backlog and its latency grow without bound. More readers help only when the messages "
                                   "are spread over at least as many conversation groups.");
            a.fixSql = AlertFixScript::raiseMaxReaders(q.schema, q.name, std::min(32767, q.maxReaders * 2));
            result.append(a);
        }
        return result;
    }
};

} // namespace

std::unique_ptr<AlertRule> makeBrokerDisabledRule() { return std::make_unique<BrokerDisabledRule>(); }
std::unique_ptr<AlertRule> makeQueueDisabledRule() { return std::make_unique<QueueDisabledRule>(); }
std::unique_ptr<AlertRule> makeActivationStuckRule() { return std::make_unique<ActivationStuckRule>(); }
std::unique_ptr<AlertRule> makeReadersSaturatedRule() { return std::make_unique<ReadersSaturatedRule>(); }

} // namespace bs::alertrules

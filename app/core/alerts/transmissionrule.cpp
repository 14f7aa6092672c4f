// The transmission queue rule: messages that wait in sys.transmission_queue, grouped by status.

#include "core/alerts/alertfixscript.h"
#include "core/alerts/alertrules.h"
#include "core/alerts/alertrulesupport.h"
#include "core/alerts/alertthresholds.h"

#include <algorithm>
#include <map>

namespace bs {

QString AlertRules::transmissionCause(const QString &status)
{
    const QString s = status.toLower();
    if (s.trimmed().isEmpty())
        return QStringLiteral("Not tried yet, or sent and never acknowledged: check that the broker is enabled on both "
                              "sides and that the far side has a route back to this service.");
    if (s.contains(QLatin1String("route")) || s.contains(QLatin1String("could not be found")))
        return QStringLiteral("No usable route to the target service: check sys.routes (SERVICE_NAME, BROKER_INSTANCE, "
                              "ADDRESS) in this database and in msdb on forwarders.");
    if (s.contains(QLatin1String("certificate")) || s.contains(QLatin1String("security"))
        || s.contains(QLatin1String("permission")) || s.contains(QLatin1String("binding")))
        return QStringLiteral("Dialog security failed: check the remote service binding, certificates and the "
                              "permissions of the users they map to.");
    if (s.contains(QLatin1String("disabled")))
        return QStringLiteral("The target queue or the broker on the far side is disabled.");
    if (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("endpoint")) || s.contains(QLatin1String("network"))
        || s.contains(QLatin1String("transport")))
        return QStringLiteral("The broker endpoint of the far instance cannot be reached: check the Service Broker "
                              "endpoint, its port and firewall, and the address in the route.");
    return QStringLiteral("The far side rejected or did not accept the messages; the status text is the send error.");
}

QString AlertRules::transmissionSummary(const QString &status)
{
    // Written words for a title, from the same reading of the status as transmissionCause; the
    // status text itself (up to 4,000 characters) stays whole in what was seen.
    const QString s = status.toLower();
    if (s.trimmed().isEmpty())
        return QStringLiteral("not sent yet, or sent and never acknowledged");
    if (s.contains(QLatin1String("route")) || s.contains(QLatin1String("could not be found")))
        return QStringLiteral("no usable route to the target service");
    if (s.contains(QLatin1String("certificate")) || s.contains(QLatin1String("security"))
        || s.contains(QLatin1String("permission")) || s.contains(QLatin1String("binding")))
        return QStringLiteral("dialog security failed");
    if (s.contains(QLatin1String("disabled")))
        return QStringLiteral("the target queue is disabled");
    if (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("endpoint")) || s.contains(QLatin1String("network"))
        || s.contains(QLatin1String("transport")))
        return QStringLiteral("the far broker endpoint cannot be reached");
    return QStringLiteral("the far side does not accept the messages");
}

namespace alertrules {

namespace {

// The local queues behind `services` whose latest reading says receive is off, as "[s].[q]".
QStringList disabledLocalQueues(const AlertContext &ctx, const QStringList &services)
{
    QStringList out;
    for (const QString &name : services) {
        const Service *svc = ctx.catalog.serviceByName(name);
        const Queue *cq = svc ? ctx.catalog.queue(svc->queueId) : nullptr;
        const QueueSample *q = cq ? ctx.latest().queue(cq->schema, cq->name) : nullptr;
        if (q && !q->isReceiveEnabled && !out.contains(queueLabel(q->schema, q->name)))
            out.append(queueLabel(q->schema, q->name));
    }
    return out;
}

QList<Alert> transmissionStuck(const AlertRule &rule, const AlertContext &ctx)
{
    const AlertContext::Window &window = ctx.window;
    const AlertSettings &settings = ctx.settings;
    const MonitorSample &latest = window.back();
    struct StatusGroup
    {
        qint64 count = 0;
        std::optional<QDateTime> oldest;
        QStringList services;
    };
    std::map<QString, StatusGroup> byStatus;
    for (const TransmissionGroup &g : latest.transmission) {
        StatusGroup &sg = byStatus[g.status];
        sg.count += g.count;
        if (g.oldestEnqueueTime && (!sg.oldest || *g.oldestEnqueueTime < *sg.oldest))
            sg.oldest = g.oldestEnqueueTime;
        if (!sg.services.contains(g.toService))
            sg.services.append(g.toService);
    }
    QList<Alert> result;
    for (const auto &[status, g] : byStatus) {
        if (g.count <= 0)
            continue;
        qint64 age = 0;
        if (g.oldest) {
            age = g.oldest->secsTo(latest.time);
        } else {
            // Without enqueue times, measure how long this status has been present in every sample.
            QDateTime since = latest.time;
            for (auto it = window.rbegin(); it != window.rend(); ++it) {
                const bool present = std::any_of(it->transmission.cbegin(), it->transmission.cend(),
                                                 [&](const TransmissionGroup &t) { return t.status == status && t.count > 0; });
                if (!present)
                    break;
                since = it->time;
            }
            age = since.secsTo(latest.time);
        }
        if (age < settings.transmissionAgeSeconds)
            continue;
        Alert a = makeAlert(rule, status.trimmed().isEmpty() ? AlertSeverity::Warning : AlertSeverity::Critical,
                            status.trimmed().isEmpty() ? QStringLiteral("(no status)") : status);
        a.key = rule.name() + QLatin1Char(':') + status;
        // The title names the condition in words; the status text and the counts, which change with
        // every sample, are in `seen`.
        a.title = QStringLiteral("Messages wait in sys.transmission_queue: %1").arg(AlertRules::transmissionSummary(status));
        a.seen = QStringLiteral("%1 message(s) to %2 with transmission_status \"%3\"; the oldest has waited %4.")
                     .arg(number(g.count), g.services.join(QStringLiteral(", ")), a.subject, duration(age));
        a.why = AlertRules::transmissionCause(status)
            + QStringLiteral(" Service Broker retries for the whole LIFETIME of the dialog without raising an error, so "
                             "senders see no failure while the messages wait.");
        a.fixSql = AlertFixScript::inspectTransmission(status);
        // A local target queue that is off is the cause: say which, and point at its own alert
        // (with the recovery script) instead of a second critical alert for the same root cause.
        const QStringList disabled = disabledLocalQueues(ctx, g.services);
        if (!disabled.isEmpty()) {
            a.severity = AlertSeverity::Warning;
            a.title = QStringLiteral("Messages wait in sys.transmission_queue: target queue %1 is disabled")
                          .arg(disabled.join(QStringLiteral(", ")));
            QStringList pointers;
            for (const QString &queue : disabled) {
                if (const Alert *qa = raisedAlert(ctx, AlertKind::QueueDisabled, queue))
                    pointers.append(QStringLiteral("\"%1\"").arg(qa->title));
            }
            a.why = QStringLiteral("The messages are for a service of this database whose queue %1 is disabled (receive "
                                   "off, usually poison message handling), so Service Broker cannot put them in it "
                                   "and keeps them here. They leave by themselves once the queue is on again: fix the "
                                   "queue, not the transmission queue%2.")
                        .arg(disabled.join(QStringLiteral(", ")),
                             pointers.isEmpty() ? QString()
                                                : QStringLiteral(" (see the alert %1)").arg(pointers.join(QStringLiteral(", "))));
        }
        result.append(a);
    }
    return result;
}

class TransmissionStuckRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::TransmissionStuck; }
    QString name() const override { return QStringLiteral("transmission-stuck"); }
    QString title() const override { return QStringLiteral("Transmission queue stuck"); }
    QStringList reads() const override { return {QStringLiteral("monitor.transmission")}; }
    QList<AlertThreshold> thresholds() const override { return {AlertThresholds::transmissionAgeSeconds()}; }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        return transmissionStuck(*this, ctx);
    }
};

} // namespace

std::unique_ptr<AlertRule> makeTransmissionStuckRule() { return std::make_unique<TransmissionStuckRule>(); }

} // namespace alertrules
} // namespace bs

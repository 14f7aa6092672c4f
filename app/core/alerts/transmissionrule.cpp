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

namespace alertrules {

namespace {

QList<Alert> transmissionStuck(const AlertRule &rule, const AlertContext::Window &window, const AlertSettings &settings)
{
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
        // The title names the condition only; the counts, which change with every sample, are in `seen`.
        a.title = QStringLiteral("Messages stuck in sys.transmission_queue: %1")
                      .arg(a.subject.size() > 80 ? a.subject.left(79) + QChar(0x2026) : a.subject);
        a.seen = QStringLiteral("%1 message(s) to %2 with transmission_status \"%3\"; the oldest has waited %4.")
                     .arg(number(g.count), g.services.join(QStringLiteral(", ")), a.subject, duration(age));
        a.why = AlertRules::transmissionCause(status)
            + QStringLiteral(" Service Broker retries for the whole LIFETIME of the dialog without raising an error, so "
                             "senders see no failure while the messages wait.");
        a.fixSql = AlertFixScript::inspectTransmission(status);
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
        return transmissionStuck(*this, ctx.window, ctx.settings);
    }
};

} // namespace

std::unique_ptr<AlertRule> makeTransmissionStuckRule() { return std::make_unique<TransmissionStuckRule>(); }

} // namespace alertrules
} // namespace bs

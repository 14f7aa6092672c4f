#include "agent/agentrulecatalog.h"

#include <QStringList>

namespace bs {

namespace {

// The thresholds of AlertSettings as ThresholdSpecs, until the alert rules declare their own
// (the AlertRule registry); the keys are the settings keys the app stores them under.
struct Field
{
    ThresholdSpec spec;
    double AlertSettings::*real = nullptr;
    int AlertSettings::*whole = nullptr;
};

ThresholdSpec spec(const char *key, const char *label, const char *unit, double min, double max, double def, int decimals, const char *tip)
{
    return ThresholdSpec{QLatin1String(key), QLatin1String(label), QLatin1String(unit), min, max, def, decimals, QString::fromUtf8(tip)};
}

const QList<Field> &fields()
{
    static const AlertSettings d;
    static const QList<Field> list{
        {spec("leakWindowSamples", "Leak window", "samples", 3, 1000, d.leakWindowSamples, 0,
              "Samples over which a service pair's endpoint growth is judged."),
         nullptr, &AlertSettings::leakWindowSamples},
        {spec("leakMinIncrease", "Minimum growth", "endpoints", 1, 1e7, d.leakMinIncrease, 0,
              "Net growth of a pair's endpoints over the window before it counts as a leak."),
         nullptr, &AlertSettings::leakMinIncrease},
        {spec("steadyFraction", "Steady share", "", 0.5, 1, d.steadyFraction, 2,
              "Share of sample-to-sample steps that must not go down for growth to count as steady."),
         &AlertSettings::steadyFraction, nullptr},
        {spec("depthGrowthSamples", "Queue growth window", "samples", 2, 1000, d.depthGrowthSamples, 0,
              "Samples over which a queue must keep growing while all readers are busy."),
         nullptr, &AlertSettings::depthGrowthSamples},
        {spec("depthMinIncrease", "Minimum queue growth", "messages", 1, 1e7, d.depthMinIncrease, 0,
              "Net growth of the queue over those samples before it counts."),
         nullptr, &AlertSettings::depthMinIncrease},
        {spec("notifiedStuckSeconds", "NOTIFIED for", "seconds", 5, 86400, d.notifiedStuckSeconds, 0,
              "How long a queue monitor may stay NOTIFIED with messages waiting and no task running."),
         nullptr, &AlertSettings::notifiedStuckSeconds},
        {spec("transmissionAgeSeconds", "Transmission age", "seconds", 5, 2592000, d.transmissionAgeSeconds, 0,
              "How long messages may wait in sys.transmission_queue before it is an alert."),
         nullptr, &AlertSettings::transmissionAgeSeconds},
        {spec("neverExpiringMinCount", "Never-expiring endpoints", "endpoints", 1, 1e8, d.neverExpiringMinCount, 0,
              "Never-expiring endpoints of a pair in a state other than CONVERSING before it is an alert."),
         nullptr, &AlertSettings::neverExpiringMinCount},
        {spec("activationErrorSamples", "Counter window", "samples", 2, 1000, d.activationErrorSamples, 0,
              "Samples within which a rise of the counter raises the alert."),
         nullptr, &AlertSettings::activationErrorSamples},
    };
    return list;
}

QList<ThresholdSpec> specs(std::initializer_list<const char *> keys)
{
    QList<ThresholdSpec> out;
    for (const char *k : keys) {
        for (const Field &f : fields()) {
            if (f.spec.key == QLatin1String(k))
                out.append(f.spec);
        }
    }
    return out;
}

} // namespace

QList<AgentRuleCatalog::Rule> AgentRuleCatalog::rules()
{
    return {
        {AlertKind::BrokerDisabled, QStringLiteral("Service Broker disabled"), {}},
        {AlertKind::QueueDisabled, QStringLiteral("Queue disabled (poison message)"), {}},
        {AlertKind::ActivationStuckNotified, QStringLiteral("Activation stuck in NOTIFIED"), specs({"notifiedStuckSeconds"})},
        {AlertKind::ReadersSaturated, QStringLiteral("Readers saturated"), specs({"depthGrowthSamples", "depthMinIncrease", "steadyFraction"})},
        {AlertKind::EndpointLeak, QStringLiteral("Endpoint leak"), specs({"leakWindowSamples", "leakMinIncrease", "steadyFraction"})},
        {AlertKind::NeverExpiringEndpoints, QStringLiteral("Never-expiring endpoints"), specs({"neverExpiringMinCount"})},
        {AlertKind::TransmissionStuck, QStringLiteral("Transmission queue stuck"), specs({"transmissionAgeSeconds"})},
        {AlertKind::ActivationErrors, QStringLiteral("Activation errors increasing"), specs({"activationErrorSamples"})},
        {AlertKind::DroppedMessages, QStringLiteral("Messages dropped"), specs({"activationErrorSamples"})},
    };
}

double AgentRuleCatalog::value(const AlertSettings &settings, const ThresholdSpec &spec)
{
    for (const Field &f : fields()) {
        if (f.spec.key == spec.key)
            return f.real ? settings.*(f.real) : double(settings.*(f.whole));
    }
    return spec.defaultValue;
}

bool AgentRuleCatalog::settingsFrom(const QMap<QString, double> &thresholds, AlertSettings *settings, QString *error)
{
    AlertSettings s;
    for (auto it = thresholds.cbegin(); it != thresholds.cend(); ++it) {
        const auto f = std::find_if(fields().cbegin(), fields().cend(), [&](const Field &x) { return x.spec.key == it.key(); });
        if (f == fields().cend()) {
            QStringList keys;
            for (const Field &x : fields())
                keys.append(x.spec.key);
            *error = QStringLiteral("unknown threshold \"%1\" (known: %2)").arg(it.key(), keys.join(QStringLiteral(", ")));
            return false;
        }
        if (it.value() < f->spec.minimum || it.value() > f->spec.maximum) {
            *error = QStringLiteral("threshold %1 must be from %2 to %3").arg(it.key()).arg(f->spec.minimum).arg(f->spec.maximum);
            return false;
        }
        if (f->real)
            s.*(f->real) = it.value();
        else
            s.*(f->whole) = int(it.value());
    }
    *settings = s;
    return true;
}

} // namespace bs

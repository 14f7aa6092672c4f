#include "core/check/runtimefacts.h"

namespace bs {

namespace {

const PerfCounter *findCounter(const MonitorSample &s, QStringView name)
{
    for (const PerfCounter &c : s.counters) {
        if (c.object.contains(u"Broker Statistics") && c.counter.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

} // namespace

std::optional<double> RuntimeFacts::sendRate(const HealthInput &input)
{
    if (!input.sample)
        return std::nullopt;
    if (const PerfCounter *c = findCounter(*input.sample, u"SQL SENDs/sec"); c && c->ratePerSecond)
        return c->ratePerSecond;
    if (!input.previousSample)
        return std::nullopt;
    const PerfCounter *now = findCounter(*input.sample, u"SQL SEND Total");
    const PerfCounter *before = findCounter(*input.previousSample, u"SQL SEND Total");
    const double seconds = input.previousSample->time.msecsTo(input.sample->time) / 1000.0;
    if (!now || !before || seconds <= 0 || now->value < before->value)
        return std::nullopt;
    return double(now->value - before->value) / seconds;
}

bool RuntimeFacts::isQueryNotificationService(const QString &name)
{
    return name.startsWith(QStringLiteral("SqlQueryNotificationService-"), Qt::CaseInsensitive)
        || name.startsWith(QStringLiteral("http://schemas.microsoft.com/SQL/Notifications/"), Qt::CaseInsensitive);
}

} // namespace bs

#include "core/alerts/alert.h"

#include <array>

namespace bs {

namespace {
struct KindInfo
{
    AlertKind kind;
    const char *name;
    const char *part;
};
constexpr std::array<KindInfo, 9> kinds{{
    {AlertKind::BrokerDisabled, "broker-disabled", "monitor.broker_enabled"},
    {AlertKind::QueueDisabled, "queue-disabled", "monitor.queue_depth"},
    {AlertKind::ActivationStuckNotified, "activation-stuck", "monitor.queue_monitors"},
    {AlertKind::ReadersSaturated, "readers-saturated", "monitor.activated_tasks"},
    {AlertKind::EndpointLeak, "endpoint-leak", "monitor.endpoints"},
    {AlertKind::NeverExpiringEndpoints, "never-expiring", "monitor.endpoints"},
    {AlertKind::TransmissionStuck, "transmission-stuck", "monitor.transmission"},
    {AlertKind::ActivationErrors, "activation-errors", "monitor.perf_counters"},
    {AlertKind::DroppedMessages, "dropped-messages", "monitor.perf_counters"},
}};

struct AttributionInfo
{
    LeakAttribution attribution;
    const char *name;
};
constexpr std::array<AttributionInfo, 5> attributions{{
    {LeakAttribution::None, "none"},
    {LeakAttribution::FireAndForget, "fire-and-forget"},
    {LeakAttribution::LocalNeverEnds, "local-never-ends"},
    {LeakAttribution::FarNeverAnswers, "far-never-answers"},
    {LeakAttribution::NeverEnded, "never-ended"},
}};
} // namespace

QString alertKindName(AlertKind kind)
{
    for (const KindInfo &k : kinds) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

std::optional<AlertKind> alertKindFromName(const QString &name)
{
    for (const KindInfo &k : kinds) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

QString alertKindPart(AlertKind kind)
{
    for (const KindInfo &k : kinds) {
        if (k.kind == kind)
            return QLatin1String(k.part);
    }
    return {};
}

QString alertSeverityName(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return QStringLiteral("info");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Critical:
        break;
    }
    return QStringLiteral("critical");
}

QString leakAttributionName(LeakAttribution attribution)
{
    for (const AttributionInfo &a : attributions) {
        if (a.attribution == attribution)
            return QLatin1String(a.name);
    }
    return {};
}

std::optional<LeakAttribution> leakAttributionFromName(const QString &name)
{
    for (const AttributionInfo &a : attributions) {
        if (name == QLatin1String(a.name))
            return a.attribution;
    }
    return std::nullopt;
}

} // namespace bs

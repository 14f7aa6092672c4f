#include "core/alerts/alert.h"

#include "core/alerts/alertruleregistry.h"

#include <array>

namespace bs {

namespace {
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
    const AlertRule *rule = AlertRuleRegistry::rule(kind);
    return rule ? rule->name() : QString();
}

std::optional<AlertKind> alertKindFromName(const QString &name)
{
    const AlertRule *rule = AlertRuleRegistry::rule(name);
    return rule ? std::optional<AlertKind>(rule->kind()) : std::nullopt;
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

#include "core/check/healthrules.h"

namespace bs {

QString healthRuleCategoryName(HealthRuleCategory category)
{
    switch (category) {
    case HealthRuleCategory::Configuration: return QStringLiteral("configuration");
    case HealthRuleCategory::Code: return QStringLiteral("code");
    case HealthRuleCategory::Runtime: return QStringLiteral("runtime");
    }
    return {};
}

const QList<HealthRule> &HealthRules::all()
{
    static const QList<HealthRule> rules = [] {
        QList<HealthRule> r = configurationRules();
        r += securityRules();
        r += codeRules();
        r += runtimeRules();
        return r;
    }();
    return rules;
}

const HealthRule *HealthRules::find(const QString &id)
{
    for (const HealthRule &r : all()) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QList<ThresholdSpec> HealthRules::thresholds()
{
    QList<ThresholdSpec> out;
    for (const HealthRule &r : all())
        out += r.thresholds;
    return out;
}

} // namespace bs

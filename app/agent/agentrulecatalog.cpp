#include "agent/agentrulecatalog.h"

#include "core/alerts/alertruleregistry.h"

namespace bs {

QList<AgentRuleCatalog::Rule> AgentRuleCatalog::rules()
{
    QList<Rule> out;
    for (const AlertRule *r : AlertRuleRegistry::rules()) {
        Rule rule{r->kind(), r->name(), r->title(), {}};
        for (const AlertThreshold &t : r->thresholds())
            rule.thresholds.append(t.spec);
        out.append(rule);
    }
    return out;
}

double AgentRuleCatalog::value(const AlertSettings &settings, const ThresholdSpec &spec)
{
    const AlertThreshold *t = AlertRuleRegistry::threshold(spec.key);
    return t ? t->get(settings) : spec.defaultValue;
}

bool AgentRuleCatalog::settingsFrom(const QMap<QString, double> &thresholds, AlertSettings *settings, QString *error)
{
    return AlertRuleRegistry::settingsFrom(thresholds, settings, error);
}

} // namespace bs

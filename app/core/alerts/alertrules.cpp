#include "core/alerts/alertrules.h"

#include "core/alerts/alertruleregistry.h"
#include "core/alerts/alertrulesupport.h"

namespace bs {

QList<Alert> AlertRules::evaluate(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings)
{
    return AlertRuleRegistry::evaluate(window, catalog, settings);
}

QList<Alert> AlertRules::evaluate(AlertKind kind, const Window &window, const BrokerCatalog &catalog,
                                  const AlertSettings &settings)
{
    const AlertRule *rule = AlertRuleRegistry::rule(kind);
    if (!rule || window.empty() || !rule->canSee(window.back()))
        return {};
    AlertContext context{window, catalog, settings, {}, {}};
    return rule->evaluate(context);
}

bool AlertRules::growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction)
{
    return alertrules::growsSteadily(values, minIncrease, steadyFraction);
}

} // namespace bs

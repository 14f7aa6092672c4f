#include "core/alerts/alertruleregistry.h"

#include "core/alerts/alertrulesupport.h"

#include <QMap>

#include <algorithm>
#include <memory>
#include <vector>

namespace bs {

namespace {

struct Registry
{
    std::vector<std::unique_ptr<AlertRule>> owned;
    QList<const AlertRule *> rules;
    QList<AlertThreshold> thresholds;

    Registry()
    {
        using namespace alertrules;
        // Evaluation order: a rule may look at what the rules before it raised (AlertContext::raised).
        owned.push_back(makeBrokerDisabledRule());
        owned.push_back(makeQueueDisabledRule());
        owned.push_back(makeActivationStuckRule());
        owned.push_back(makeReadersSaturatedRule());
        owned.push_back(makeQueueBacklogRule());
        owned.push_back(makeEndpointLeakRule());
        owned.push_back(makeNeverExpiringRule());
        owned.push_back(makeTransmissionStuckRule());
        owned.push_back(makeActivationErrorsRule());
        owned.push_back(makeDroppedMessagesRule());
        for (const auto &r : owned) {
            rules.append(r.get());
            for (const AlertThreshold &t : r->thresholds()) {
                const bool known = std::any_of(thresholds.cbegin(), thresholds.cend(),
                                               [&](const AlertThreshold &x) { return x.spec.key == t.spec.key; });
                if (!known)
                    thresholds.append(t);
            }
        }
    }
};

const Registry &registry()
{
    static const Registry r;
    return r;
}

} // namespace

const QList<const AlertRule *> &AlertRuleRegistry::rules()
{
    return registry().rules;
}

const AlertRule *AlertRuleRegistry::rule(AlertKind kind)
{
    for (const AlertRule *r : rules()) {
        if (r->kind() == kind)
            return r;
    }
    return nullptr;
}

const AlertRule *AlertRuleRegistry::rule(const QString &name)
{
    for (const AlertRule *r : rules()) {
        if (r->name() == name)
            return r;
    }
    return nullptr;
}

const QList<AlertThreshold> &AlertRuleRegistry::thresholds()
{
    return registry().thresholds;
}

const AlertThreshold *AlertRuleRegistry::threshold(const QString &key)
{
    for (const AlertThreshold &t : thresholds()) {
        if (t.spec.key == key)
            return &t;
    }
    return nullptr;
}

AlertSettings AlertRuleRegistry::clamped(AlertSettings settings)
{
    for (const AlertThreshold &t : thresholds())
        t.set(settings, std::clamp(t.get(settings), t.spec.minimum, t.spec.maximum));
    return settings;
}

bool AlertRuleRegistry::settingsFrom(const QMap<QString, double> &values, AlertSettings *settings, QString *error)
{
    AlertSettings s;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const AlertThreshold *t = threshold(it.key());
        if (!t) {
            QStringList keys;
            for (const AlertThreshold &x : thresholds())
                keys.append(x.spec.key);
            *error = QStringLiteral("unknown threshold \"%1\" (known: %2)").arg(it.key(), keys.join(QStringLiteral(", ")));
            return false;
        }
        if (it.value() < t->spec.minimum || it.value() > t->spec.maximum) {
            *error = QStringLiteral("threshold %1 must be from %2 to %3").arg(it.key()).arg(t->spec.minimum).arg(t->spec.maximum);
            return false;
        }
        t->set(s, it.value());
    }
    *settings = s;
    return true;
}

QList<Alert> AlertRuleRegistry::evaluate(const AlertContext::Window &window, const BrokerCatalog &catalog,
                                         const AlertSettings &settings)
{
    if (window.empty())
        return {};
    AlertContext context{window, catalog, settings, {}, {}};
    for (const AlertRule *r : rules()) {
        if (r->canSee(window.back()))
            context.raised += r->evaluate(context);
    }
    return context.raised;
}

} // namespace bs

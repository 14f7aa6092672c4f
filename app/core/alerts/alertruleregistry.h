#pragma once

#include "core/alerts/alertrule.h"

namespace bs {

/// The monitor's alert rules, in evaluation order, and their thresholds. Adding a rule: a class
/// deriving from AlertRule in the file of its family, an AlertKind, one line in
/// AlertRuleRegistry::rules() and one row in tests/alerts/tst_alertrules.cpp.
class AlertRuleRegistry
{
public:
    static const QList<const AlertRule *> &rules();
    static const AlertRule *rule(AlertKind kind);
    static const AlertRule *rule(const QString &name);
    /// Every threshold, each once (a shared one where it first appears), in rule order.
    static const QList<AlertThreshold> &thresholds();
    static const AlertThreshold *threshold(const QString &key);
    /// `settings` with every threshold brought into its range.
    static AlertSettings clamped(AlertSettings settings);
    /// Settings from threshold values by ThresholdSpec key over the defaults; false with *error
    /// naming an unknown key or a value outside its range.
    static bool settingsFrom(const QMap<QString, double> &values, AlertSettings *settings, QString *error);

    /// Runs every rule that can see the latest sample of `window`, in order.
    static QList<Alert> evaluate(const AlertContext::Window &window, const BrokerCatalog &catalog,
                                 const AlertSettings &settings);
};

} // namespace bs

#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertsettings.h"
#include "core/rules/thresholdspec.h"

#include <QList>
#include <QMap>
#include <QString>

namespace bs {

/// The agent's view of the app's alert rules, read from AlertRuleRegistry: each rule's kind, title
/// and thresholds (with their values), and the AlertSettings made from a fleet file's
/// "thresholds". The Prometheus rules and the agent's sessions read the rules through here.
class AgentRuleCatalog
{
public:
    struct Rule
    {
        AlertKind kind = AlertKind::BrokerDisabled;
        QString name; ///< the rule's stable identifier ("queue-disabled")
        QString title;
        QList<ThresholdSpec> thresholds;
    };
    static QList<Rule> rules();
    /// The value a threshold has in `settings` (its default for an unknown key).
    static double value(const AlertSettings &settings, const ThresholdSpec &spec);
    /// Settings with the given thresholds (by ThresholdSpec key) over the defaults; false with
    /// *error naming an unknown key or a value outside the threshold's range.
    static bool settingsFrom(const QMap<QString, double> &thresholds, AlertSettings *settings, QString *error);
};

} // namespace bs

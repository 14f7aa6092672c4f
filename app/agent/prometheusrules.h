#pragma once

#include <QMap>
#include <QString>

namespace bs {

/// Prometheus alerting rules (YAML) generated from the app's alert rules, one source of truth:
/// the agent evaluates every rule with the app's own code and exports its state as
/// `broker_studio_alert{rule,…}`; each generated rule turns that into a Prometheus alert named
/// after the rule, with the rule's title and its thresholds (label, value, unit and meaning, as
/// the Preferences dialog shows them) in the annotations and a runbook link to the rule's
/// section of docs/fleet.md. Plus one rule for a target that stays down.
class PrometheusRules
{
public:
    static QString defaultRunbookBase();
    /// "BrokerStudioEndpointLeak" for "endpoint-leak".
    static QString alertName(const QString &ruleKind);
    /// Empty with *error when a threshold of `thresholds` is unknown or out of range.
    static QString yaml(const QMap<QString, double> &thresholds, const QString &runbookBase, QString *error);
};

} // namespace bs

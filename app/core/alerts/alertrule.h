#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertsettings.h"
#include "core/catalog.h"
#include "core/monitorsample.h"
#include "core/rules/thresholdspec.h"

#include <QList>
#include <QStringList>

#include <deque>
#include <functional>
#include <set>
#include <tuple>

namespace bs {

/// One threshold an alert rule reads: its declaration (Settings stores it under
/// "monitor/alerts/" + spec.key, Preferences shows it, the agent quotes it) and where its value
/// lives in AlertSettings. Declared once in alertthresholds.cpp; rules list the ones they read.
struct AlertThreshold
{
    ThresholdSpec spec;
    std::function<double(const AlertSettings &)> get;
    std::function<void(AlertSettings &, double)> set;
};

/// What a rule sees when it is evaluated: the window of recent samples (oldest first, the latest
/// last), the catalog, the thresholds, and what the rules evaluated before it found (rules run in
/// registry order, so a later rule can point at an earlier one's alert instead of repeating it).
struct AlertContext
{
    using Window = std::deque<MonitorSample>;
    using GroupKey = std::tuple<QString, QString, QString>; ///< local service, far service, state code

    const Window &window;
    const BrokerCatalog &catalog;
    const AlertSettings &settings;
    /// Endpoint groups an endpoint-leak alert already explains (the never-expiring rule skips them).
    std::set<GroupKey> coveredGroups;
    /// Alerts raised so far in this evaluation, in registry order.
    QList<Alert> raised;

    const MonitorSample &latest() const { return window.back(); }
};

/// One rule of the monitor: a kind, the sample parts it reads, its thresholds and evaluate().
/// A rule is one entry in AlertRuleRegistry plus one row in tests/alerts/tst_alertrules.cpp;
/// AlertEngine, Settings, Preferences and the agent's Prometheus rules pick it up from there.
class AlertRule
{
public:
    virtual ~AlertRule() = default;

    virtual AlertKind kind() const = 0;
    /// Stable identifier stored in history and exported to Prometheus ("queue-disabled").
    virtual QString name() const = 0;
    /// A short title for lists of rules (the agent's Prometheus rules, the docs).
    virtual QString title() const = 0;
    /// The sample parts (query names such as "monitor.queue_depth") the rule reads. While any of
    /// them is unavailable in the latest sample the engine neither raises nor clears its alerts.
    virtual QStringList reads() const = 0;
    /// The thresholds the rule reads (shared ones, such as steadyPercent, appear in several rules).
    virtual QList<AlertThreshold> thresholds() const { return {}; }
    /// True when the latest sample lets the rule judge (every part it reads is available).
    virtual bool canSee(const MonitorSample &sample) const;
    /// The alerts that hold at the latest sample. `since` and `lastSeen` are left to the engine.
    virtual QList<Alert> evaluate(AlertContext &context) const = 0;
};

} // namespace bs

#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertrule.h"
#include "core/alerts/alertsettings.h"
#include "core/catalog.h"
#include "core/monitorsample.h"

namespace bs {

/// The alert rules as pure functions from a window of recent samples (oldest first, the latest
/// last) and the catalog to the alerts that hold at the latest sample. The rules themselves are
/// AlertRuleRegistry's entries; this is the short way to run them.
class AlertRules
{
public:
    using Window = AlertContext::Window;

    /// Every rule that can see the latest sample, in registry order.
    static QList<Alert> evaluate(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings);
    /// One rule alone (no other rule's alerts in its context); nothing when it cannot see the latest sample.
    static QList<Alert> evaluate(AlertKind kind, const Window &window, const BrokerCatalog &catalog = {},
                                 const AlertSettings &settings = {});

    /// True when `values` (oldest first) grew by at least `minIncrease` and at least
    /// `steadyFraction` of the steps did not go down.
    static bool growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction);
    /// The likely cause of a transmission_status text, in a DBA's words.
    static QString transmissionCause(const QString &status);
    /// A short written title for a transmission_status text ("the target queue is disabled").
    static QString transmissionSummary(const QString &status);
};

} // namespace bs

#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertsettings.h"
#include "core/catalog.h"
#include "core/monitorsample.h"

#include <deque>

namespace bs {

/// The alert rules: pure functions from a window of recent samples (oldest first, the latest
/// last) and the catalog to the alerts that hold at the latest sample. `since` and `lastSeen`
/// are left for AlertEngine to fill.
class AlertRules
{
public:
    using Window = std::deque<MonitorSample>;

    static QList<Alert> evaluate(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings);

    static QList<Alert> brokerDisabled(const Window &window, const BrokerCatalog &catalog);
    static QList<Alert> queueDisabled(const Window &window, const BrokerCatalog &catalog);
    static QList<Alert> activationStuck(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings);
    static QList<Alert> readersSaturated(const Window &window, const AlertSettings &settings);
    static QList<Alert> endpointLeak(const Window &window, const AlertSettings &settings);
    static QList<Alert> neverExpiring(const Window &window, const AlertSettings &settings);
    static QList<Alert> transmissionStuck(const Window &window, const AlertSettings &settings);

    /// True when `values` (oldest first) grew by at least `minIncrease` and at least
    /// `steadyFraction` of the steps did not go down.
    static bool growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction);
    /// The likely cause of a transmission_status text, in a DBA's words.
    static QString transmissionCause(const QString &status);
};

} // namespace bs

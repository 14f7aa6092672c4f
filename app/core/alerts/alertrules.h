#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertsettings.h"
#include "core/catalog.h"
#include "core/monitorsample.h"

#include <deque>
#include <set>
#include <tuple>

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
    /// Steady growth of a service pair's endpoints, attributed to the side that does not end. DO on
    /// one side growing with DI on its partner in the same database is one alert, on the DI side.
    static QList<Alert> endpointLeak(const Window &window, const BrokerCatalog &catalog,
                                     const AlertSettings &settings);
    /// As above; adds to `covered` the (local service, far service, state code) groups the alerts explain.
    static QList<Alert> endpointLeak(const Window &window, const BrokerCatalog &catalog,
                                     const AlertSettings &settings,
                                     std::set<std::tuple<QString, QString, QString>> *covered);
    /// Never-expiring endpoints outside CONVERSING, skipping the groups a leak alert already covers.
    static QList<Alert> neverExpiring(const Window &window, const AlertSettings &settings,
                                      const std::set<std::tuple<QString, QString, QString>> &covered = {},
                                      const BrokerCatalog &catalog = {});
    static QList<Alert> transmissionStuck(const Window &window, const AlertSettings &settings);
    /// The Broker Statistics counter "Activation Errors Total" went up within the last samples.
    static QList<Alert> activationErrors(const Window &window, const AlertSettings &settings);
    /// The Broker Statistics counter "Dropped Messages Total" went up within the last samples
    /// (the same window as activationErrors).
    static QList<Alert> droppedMessages(const Window &window, const AlertSettings &settings);

    /// True when `values` (oldest first) grew by at least `minIncrease` and at least
    /// `steadyFraction` of the steps did not go down.
    static bool growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction);
    /// The likely cause of a transmission_status text, in a DBA's words.
    static QString transmissionCause(const QString &status);
};

} // namespace bs

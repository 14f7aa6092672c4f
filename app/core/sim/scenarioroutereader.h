#pragma once

#include "core/catalog.h"
#include "core/sim/scenario.h"

#include <QJsonObject>
#include <QString>

namespace bs::sim {

class JsonFieldReader;

/// Reads the "routes" and "remoteServiceBindings" of a scenario's topology (docs/scenarios.md)
/// into the catalog, as sys.routes and sys.remote_service_bindings show them, and what the
/// simulated network does with messages sent over each route (RouteBehaviour): the simulator
/// models one database, so a service that only a route names never answers.
class ScenarioRouteReader
{
public:
    /// Reads both arrays of `t` (after the services, which bindings and routes may not name as
    /// remote). False with the reason in `r` on the first problem.
    static bool read(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c,
                     QList<RouteBehaviour> &behaviours);

private:
    static bool readRoutes(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c,
                           QList<RouteBehaviour> &behaviours);
    static bool readBindings(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c);
};

} // namespace bs::sim

#pragma once

#include "core/catalog.h"
#include "core/sim/scenario.h"

#include <QJsonObject>
#include <QString>

namespace bs::sim {

class JsonFieldReader;

/// Builds the simulated database's BrokerCatalog from a scenario's "topology" object
/// (docs/scenarios.md): message types, contracts with their usages, queues with activation,
/// services, routes and remote service bindings, numbered as SQL Server numbers user objects,
/// each reference checked against what was read before it (a contract's message types, a
/// service's queue and contracts).
class ScenarioTopologyReader
{
public:
    /// Reads `t` into `c` and what the simulated network does on each route into `routes`;
    /// `name` (the scenario's) is the database name unless given. False with the reason in `r`
    /// on the first problem.
    static bool read(JsonFieldReader &r, const QJsonObject &t, BrokerCatalog &c, const QString &name,
                     QList<RouteBehaviour> &routes);
    /// A queue by "name" or "schema.name".
    static const Queue *findQueue(const BrokerCatalog &c, const QString &ref);

private:
    static bool readMessageTypes(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c);
    static bool readContracts(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c);
    static bool readQueues(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c);
    static bool readServices(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c);
};

} // namespace bs::sim

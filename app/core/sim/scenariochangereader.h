#pragma once

#include "core/catalog.h"
#include "core/sim/scenario.h"

#include <QJsonObject>
#include <QString>

namespace bs::sim {

class JsonFieldReader;

/// Reads one entry of a scenario's "changes" (docs/scenarios.md) into a ChangeSpec: ALTER QUEUE,
/// ALTER MESSAGE TYPE, the broker switch or a dropped service, each with the fields its action
/// takes and its target checked against the topology.
class ScenarioChangeReader
{
public:
    /// Reads `o` (at JSON path `p`) into `ch`. False with the reason in `r` on the first problem.
    static bool read(JsonFieldReader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, ChangeSpec &ch);
};

} // namespace bs::sim

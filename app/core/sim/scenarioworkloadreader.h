#pragma once

#include "core/catalog.h"
#include "core/sim/scenario.h"

#include <QJsonObject>
#include <QString>

namespace bs::sim {

class JsonFieldReader;

/// Reads one entry of a scenario's "workloads" (docs/scenarios.md) into a WorkloadSpec: the
/// services, contract and message types (checked against the topology already read), the
/// arrival rate, the conversation pattern and the task model, with the rules between fields
/// (a window only for the windowed pattern, an EndOfStream type for keep-firing recycling).
class ScenarioWorkloadReader
{
public:
    /// Reads `o` (at JSON path `p`) into `w`. False with the reason in `r` on the first problem.
    static bool read(JsonFieldReader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, WorkloadSpec &w);

private:
    static bool readRate(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w);
    static bool readPattern(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w);
    static bool readTask(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w);
};

} // namespace bs::sim

#pragma once

#include "core/check/healthinput.h"
#include "core/sim/scenario.h"

namespace bs {

/// The health-check input of a simulated database: the scenario's catalog and module texts, and
/// two samples after running it for `seconds` of simulated time (the later one is the sample,
/// the earlier one gives rates). Certificates and the master key do not exist in a simulation.
class ScenarioHealthInput
{
public:
    static HealthInput make(const sim::Scenario &scenario, double seconds = 120.0);
};

} // namespace bs

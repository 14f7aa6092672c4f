#include "core/check/scenariohealthinput.h"

#include "core/sim/simulator.h"

namespace bs {

HealthInput ScenarioHealthInput::make(const sim::Scenario &scenario, double seconds)
{
    sim::Simulator simulator(scenario);
    const double end = qMin(seconds, scenario.durationSeconds);
    const sim::SimTime second = 1000000;
    simulator.advanceTo(sim::SimTime(end * 0.5 * double(second)));
    const MonitorSample earlier = simulator.sample();
    simulator.advanceTo(sim::SimTime(end * double(second)));
    HealthInput in;
    in.previousSample = earlier;
    in.sample = simulator.sample();
    in.catalog = simulator.catalog();
    in.now = in.sample->time;
    in.facts.modules = scenario.modules;
    in.facts.modulesRead = true;
    in.facts.certificatesRead = true;
    in.facts.sharedGuidRead = true;
    in.facts.canViewDefinition = true;
    // Every activation procedure of the simulated database exists, and so does every EXECUTE AS user.
    for (const Queue &q : in.catalog.queues)
        in.facts.activation.insert(q.objectId, {q.objectId, q.hasActivation() ? std::optional<bool>(true) : std::nullopt,
                                                std::optional<bool>(true)});
    return in;
}

} // namespace bs

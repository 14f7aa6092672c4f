#pragma once

#include "core/monitorsample.h"
#include "core/sim/scenario.h"

#include <functional>
#include <memory>

namespace bs::sim {

class SimulatorPrivate;

/// Discrete-event simulator of Service Broker (SERVICE_BROKER.md §3–§7, PATTERNS.md): endpoints
/// on both sides, queues, activation, transmission queue, poison handling and the senders of a
/// Scenario. Deterministic for a seed. Not thread-safe: use one instance from one thread.
class Simulator
{
public:
    explicit Simulator(const Scenario &scenario);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    const Scenario &scenario() const;
    /// The catalog with the scripted changes applied so far (queue status, validation, ...).
    BrokerCatalog catalog() const;

    /// Simulated time since the start of the scenario.
    SimTime now() const;
    QDateTime currentTime() const;
    SimTime duration() const;
    bool isFinished() const { return now() >= duration(); }

    /// Processes every event up to and including `until` (microseconds since the start), then
    /// sets the clock to `until`. Stops early after maxEvents (< 0: no limit) and returns false.
    bool advanceTo(SimTime until, qint64 maxEvents = -1);

    /// A monitoring reading at the current simulated time. Latency percentiles cover the task
    /// messages finished since the previous call.
    MonitorSample sample();

    /// Runs to `until` (default: the scenario's duration) and hands a sample to `sink` every
    /// `interval` (default: the scenario's sample interval). The sink returns false to stop.
    void run(const std::function<bool(const MonitorSample &)> &sink, SimTime until = -1, SimTime interval = -1);

    FlowCounters flow() const;
    /// Latency of every task message finished since the start.
    LatencyStats totalLatency() const;
    qint64 eventsProcessed() const;
    /// Live conversation endpoints (both sides), by state.
    qint64 endpointCount(EndpointState state) const;
    qint64 endpointCount() const;
    /// Messages held in sys.transmission_queue.
    qint64 transmissionQueueSize() const;
    /// Bytes held by the simulator's growing tables (endpoints and their indexes, events,
    /// messages): what bench_sim divides by the live endpoints, without the allocator's share.
    qint64 allocatedBytes() const;

private:
    std::unique_ptr<SimulatorPrivate> d;
};

} // namespace bs::sim

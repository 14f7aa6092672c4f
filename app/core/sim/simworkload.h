#pragma once

#include "core/sim/scenario.h"

#include <vector>

namespace bs::sim {

/// One pooled conversation of a keep-firing workload.
struct SimPoolSlot
{
    qint32 ep = -1;
    quint32 gen = 0;
    SimTime openedAt = 0;
    qint64 sent = 0;
};

/// A WorkloadSpec resolved against the simulated topology (services, contract and message
/// types as indexes and ids), with the sender's progress.
struct SimWorkload
{
    WorkloadSpec spec;
    int from = -1;
    int to = -1;
    int contractId = 0;
    int taskTypeId = 0;
    int eosTypeId = 0;
    int taskError = 0; // broker error a task message gets at the target (0 = accepted)
    int eosError = 0;
    SimTime lifetime = 0;
    SimTime stopAt = -1;
    qint64 sentIndex = 0;
    std::vector<SimPoolSlot> pool;
    size_t roundRobin = 0;
    double nextExact = 0.0;
    qint64 batchRemaining = 0;
    qint64 batchNumber = 0;
};

} // namespace bs::sim

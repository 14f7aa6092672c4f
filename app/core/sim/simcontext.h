#pragma once

#include "core/monitorsample.h"
#include "core/sim/latencyhistogram.h"
#include "core/sim/scenario.h"
#include "core/sim/simeventqueue.h"
#include "core/sim/simmessagepool.h"
#include "core/sim/simrandom.h"
#include "core/sim/simworkload.h"

#include <QDateTime>

#include <cmath>
#include <vector>

namespace bs::sim {

/// Seconds (as scenarios give them) to simulated microseconds.
inline SimTime toSimTime(double seconds)
{
    return SimTime(std::llround(seconds * double(Second)));
}

/// A service of the simulated topology: a local one (with its queue), or a remote one that a
/// route names (the simulator models one database, so a remote service never answers).
struct SimService
{
    QString name;
    int queue = -1; ///< index into the queues, in catalog order; -1 for a remote service
    QList<int> contracts;
    bool dropped = false;
    bool remote = false;
    QString routeStatus; ///< remote: the transmission_status its messages wait with
};

/// The state every part of one simulation run shares: the scenario and the catalog as changed
/// so far, the clock and event heap, the random stream, the resolved services and workloads,
/// the message pool and the counters a MonitorSample reports. Built once by the Simulator; the
/// parts (EndpointTable, TransmissionQueue, ActivationMonitor, ...) hold a reference to it.
struct SimContext
{
    explicit SimContext(const Scenario &s);

    /// A task message that will never be processed; the message goes back to the pool.
    void loseMessage(qint32 m)
    {
        if (messages[m].kind == SimMessageKind::Task) {
            ++flow.lost;
            --flow.inFlight;
        }
        messages.free(m);
    }
    QDateTime wallTime(SimTime t) const { return scenario.start.addMSecs(t / Millisecond); }

    /// One unit of the work of a long event (a batch sent at once, the commit of its messages,
    /// the hourly sweep). False when the caller's budget (Simulator::advanceTo's maxEvents) is
    /// spent: the event then keeps its progress, returns, and is continued by the next call, so
    /// a GUI thread can run a batch of millions of messages in slices without changing a result.
    bool mayContinue()
    {
        if (workBudget == 0) {
            suspended = true;
            return false;
        }
        if (workBudget > 0)
            --workBudget;
        return true;
    }

    Scenario scenario;
    BrokerCatalog catalog;
    SimRandom rng;
    SimEventQueue events;
    SimMessagePool messages;
    std::vector<SimService> services;
    std::vector<SimWorkload> workloads;

    SimTime now = 0;
    SimTime duration = 0;
    SimTime monitorInterval = 0;
    SimTime waitfor = 0;
    SimTime systemMessage = 0;
    SimTime securityTimestamp = 0;
    SimTime closedExtra = 0;
    qint64 eventSerial = 0; ///< the current event, which is one transaction
    qint64 eventsProcessed = 0;
    qint64 workBudget = -1; ///< units left in this slice (mayContinue); < 0 = no limit
    bool suspended = false; ///< the current event stopped part-way (mayContinue returned false)
    bool brokerEnabled = true;

    FlowCounters flow;
    LatencyHistogram windowLatency;
    LatencyHistogram totalLatency;
    // Running totals behind the Broker performance counters of a sample.
    qint64 enqueuedTotal = 0;
    qint64 sendsTotal = 0;
    qint64 receivesTotal = 0;
    qint64 tasksStarted = 0;
    qint64 tasksAborted = 0;
    qint64 transmissionEnqueued = 0;
    qint64 transmissionDequeued = 0;
};

} // namespace bs::sim

#pragma once

// The parts of one simulation run wired together (private to app/core/sim: simulator.cpp runs
// the events, simoperations.cpp carries out what a DBA does to the run).
#include "core/sim/activationmonitor.h"
#include "core/sim/endpointlifecycle.h"
#include "core/sim/endpointtable.h"
#include "core/sim/messagedelivery.h"
#include "core/sim/simcontext.h"
#include "core/sim/transmissionqueue.h"
#include "core/sim/workloadsender.h"

namespace bs::sim {

class SimulatorPrivate
{
public:
    explicit SimulatorPrivate(const Scenario &s);

    bool advanceTo(SimTime until, qint64 maxEvents);
    /// Carries the current event on: its handler (again, if it stopped part-way), then its commit.
    bool finishEvent();
    void handle(const SimEvent &ev);
    void applyChange(const ChangeSpec &c);
    MonitorSample sample();

    // The parts refer to each other (a delivery changes endpoints, which wake readers, whose
    // commits transmit); each holds references to the ones it calls, all owned here.
    SimContext m_ctx;
    EndpointTable m_endpoints;
    TransmissionQueue m_transmission;
    ActivationMonitor m_activation;
    EndpointLifecycle m_lifecycle;
    MessageDelivery m_delivery;
    WorkloadSender m_sender;

    // An event that stopped part-way when a slice's work budget ran out (SimContext::mayContinue).
    enum class Phase { Idle, Handling, Committing };
    SimEvent m_current;
    Phase m_phase = Phase::Idle;
};

} // namespace bs::sim

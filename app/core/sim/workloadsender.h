#pragma once

#include "core/sim/endpointtable.h"
#include "core/sim/simcontext.h"

namespace bs::sim {

class EndpointLifecycle;
class TransmissionQueue;

/// The initiators of a scenario: each workload's arrival process (constant, Poisson, batch)
/// and its conversation pattern of PATTERNS.md (naive and windowed: BEGIN DIALOG, SEND, END;
/// target-ends-first; keep-firing with a pool of recycled conversations).
class WorkloadSender
{
public:
    WorkloadSender(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                   TransmissionQueue &transmission);

    /// Puts every workload's first SenderFire on the event heap.
    void scheduleStarts();
    /// The SenderFire event of workload `wi`.
    void fire(int wi);

private:
    void sendOne(SimWorkload &w, int wi);
    qint32 beginDialog(int wi);
    void send(qint32 id, SimMessageKind kind, bool poison);
    void scheduleNextBatch(SimWorkload &w, int wi);

    SimContext &m_ctx;
    EndpointTable &m_endpoints;
    EndpointLifecycle &m_lifecycle;
    TransmissionQueue &m_transmission;
};

} // namespace bs::sim

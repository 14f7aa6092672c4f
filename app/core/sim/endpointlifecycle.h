#pragma once

#include "core/sim/endpointstatemachine.h"
#include "core/sim/endpointtable.h"
#include "core/sim/simcontext.h"

namespace bs::sim {

class ActivationMonitor;
class TransmissionQueue;

/// Carries out EndpointStateMachine on the simulated endpoints: the messages a transition sends
/// or removes, the security timestamp and retention of closed endpoints (§3), deletion, and the
/// Expiry and Retention events of a dialog's lifetime.
class EndpointLifecycle
{
public:
    EndpointLifecycle(SimContext &context, EndpointTable &endpoints, TransmissionQueue &transmission,
                      ActivationMonitor &activation);

    /// Applies `ev` to endpoint `id`; `errorCode` goes with an Error it sends or queues.
    void apply(qint32 id, EndpointEvent ev, qint32 errorCode = 0);
    /// The Expiry event of endpoint (id, gen): its lifetime ends.
    void expire(qint32 id, quint32 gen);
    /// The Retention event of endpoint (id, gen): a closed endpoint's security timestamp passes.
    void endRetention(qint32 id, quint32 gen);
    /// SEND of a message of `kind` on endpoint `id` (into the transmission queue until the
    /// commit); false when the endpoint's state refuses it. A queue with RETENTION keeps a copy.
    bool send(qint32 id, SimMessageKind kind, bool poison = false, qint32 *message = nullptr);
    /// BEGIN CONVERSATION TIMER on a new endpoint, when its workload sets one for its side.
    void startTimer(qint32 id);
    /// The DialogTimer event of endpoint (id, gen): a DialogTimer message goes first in its queue.
    void timerFires(qint32 id, quint32 gen);

private:
    void free(qint32 id);
    void purgeInbox(qint32 id);

    SimContext &m_ctx;
    EndpointTable &m_endpoints;
    TransmissionQueue &m_transmission;
    ActivationMonitor &m_activation;
};

} // namespace bs::sim

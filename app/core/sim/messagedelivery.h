#pragma once

#include "core/sim/endpointtable.h"
#include "core/sim/simcontext.h"

namespace bs::sim {

class ActivationMonitor;
class EndpointLifecycle;

/// The receiving side of the broker: the checks the target makes on a message's arrival
/// (contract, message type, SENT BY, validation: §7 codes), the target endpoint created by a
/// dialog's first message (§3), and what an arriving message does to its endpoint (enqueued for
/// RECEIVE, or an EndDialog / Error applied to the endpoint's state).
class MessageDelivery
{
public:
    MessageDelivery(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                    ActivationMonitor &activation);

    /// Works out, for every workload, which broker error its task and EndOfStream messages get
    /// at the target (0 = accepted). Again after ALTER MESSAGE TYPE.
    void validateAll();
    /// Message `msg` from endpoint `fromId` reaches the far side.
    void deliver(qint32 fromId, qint32 msg);
    /// Message `msg` arrives at endpoint `id`.
    void arrive(qint32 id, qint32 msg);

private:
    void validate(SimWorkload &w) const;

    SimContext &m_ctx;
    EndpointTable &m_endpoints;
    EndpointLifecycle &m_lifecycle;
    ActivationMonitor &m_activation;
};

} // namespace bs::sim

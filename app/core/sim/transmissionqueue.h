#pragma once

#include "core/monitorsample.h"
#include "core/sim/chunkedvector.h"
#include "core/sim/endpointtable.h"
#include "core/sim/simcontext.h"

namespace bs::sim {

class ActivationMonitor;
class MessageDelivery;

/// The sending side of the broker (SERVICE_BROKER.md §3, R-TS): messages leave when the event's
/// transaction commits; a destination that cannot accept them (broker disabled, queue disabled,
/// service dropped, a remote broker that does not answer) keeps them in sys.transmission_queue,
/// in dialog order, retried after 4, 8, 16, 32 s and then every 64 s until the lifetime ends.
/// Reports the queue's size and groups.
class TransmissionQueue
{
public:
    TransmissionQueue(SimContext &context, EndpointTable &endpoints, const ActivationMonitor &activation,
                      MessageDelivery &delivery);

    /// Sends `msg` from endpoint `id` when the current transaction commits (flush()).
    void queue(qint32 id, qint32 msg)
    {
        const SimEndpoint &e = m_endpoints[id];
        m_pending.push_back(Pending{id, e.gen, msg, e.far, e.farGen, e.deliveredEarlier(), e.initiator});
    }
    /// The commit: every message queued in this transaction leaves, in order. `resumable`: may
    /// stop part-way when the work budget is spent (false) and continue on the next call.
    bool flush(bool resumable = false);
    /// Drops what endpoint `id` still has waiting (END WITH ERROR, lifetime, deletion).
    void purge(qint32 id);
    /// The TransmitRetry event of endpoint (id, gen).
    void retry(qint32 id, quint32 gen);

    qint64 size() const { return m_count; }
    /// The transmission_status of endpoint `id`'s waiting messages (empty: not tried yet).
    QString statusOf(qint32 id) const;
    /// Size, oldest enqueue time and groups by destination and status of a sample.
    void appendTo(MonitorSample &s);

private:
    struct Pending
    {
        qint32 ep;
        quint32 gen;
        qint32 msg;
        qint32 far;
        quint32 farGen;
        bool deliveredEarlier;
        bool initiator;
    };

    void transmitNow(qint32 id, qint32 msg);
    TxReason blockReason(const SimEndpoint &e) const;

    SimContext &m_ctx;
    EndpointTable &m_endpoints;
    const ActivationMonitor &m_activation;
    MessageDelivery &m_delivery;
    ChunkedVector<Pending> m_pending;
    qint64 m_flushed = 0; // the commit in progress: pending messages already sent
    ChunkedVector<qint32> m_list; // endpoints that have (or had) messages waiting
    qint64 m_count = 0;
};

} // namespace bs::sim

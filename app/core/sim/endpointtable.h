#pragma once

#include "core/monitorsample.h"
#include "core/sim/lifetimeheap.h"
#include "core/sim/simcontext.h"

#include <QHash>

#include <array>
#include <vector>

namespace bs::sim {

/// Why an endpoint's messages wait in sys.transmission_queue.
enum class TxReason : quint8 { None, BrokerDisabled, QueueDisabled, ServiceNotFound };

/// One conversation endpoint (a row of sys.conversation_endpoints) with its messages.
struct SimEndpoint
{
    SimTime lifetimeEnd = 0;
    SimTime txSince = 0;
    qint64 deliveredTxn = -1; // initiator: the event in which its first message was delivered
    SimMessageList inbox;     // messages in its own queue
    SimMessageList outbox;    // messages held in the transmission queue
    qint32 far = -1;
    quint32 farGen = 0;
    quint32 gen = 0;
    qint32 workload = -1;
    qint32 queue = -1;
    qint32 group = -1;
    qint32 lockedBy = -1; // reader holding the conversation group lock
    EndpointState state = EndpointState::SO;
    TxReason txReason = TxReason::None;
    quint8 txAttempt = 0;
    bool initiator = false;
    bool alive = false;
    bool inReady = false;
    bool farCreated = false;
    bool stampAllowed = false; // the initiator showed it saw the acknowledgement of message 0
    bool stampSet = false;
    bool expiredCounted = false;
    bool neverExpiring = false;
    bool inTxList = false;
    quint8 rollbacks = 0; // consecutive rollbacks of RECEIVEs on this conversation
};

/// The conversation endpoints of a run: storage with a free list and generation counters (a
/// freed id is reused; a stale (id, generation) is recognised), the counts by state and by
/// (local service, far service, side) that a sample reports, and the expiry schedule, which
/// parks lifetimes beyond ExpiryHorizon and sweeps them onto the event heap hourly.
class EndpointTable
{
public:
    explicit EndpointTable(SimContext &context) : m_ctx(context) {}

    bool valid(qint32 id, quint32 gen) const
    {
        return id >= 0 && m_eps[size_t(id)].alive && m_eps[size_t(id)].gen == gen;
    }
    SimEndpoint &operator[](qint32 id) { return m_eps[size_t(id)]; }
    const SimEndpoint &operator[](qint32 id) const { return m_eps[size_t(id)]; }

    /// A new endpoint of workload `workload`, counted in its group, its expiry scheduled.
    /// May reallocate: references to other endpoints are invalid afterwards.
    qint32 create(int workload, bool initiator, EndpointState state, SimTime lifetimeEnd);
    void setState(qint32 id, EndpointState s);
    /// Uncounts the endpoint and frees its id. Its messages must have been removed already.
    void release(qint32 id);
    /// The hourly Sweep event: parked expiries that are now near go onto the event heap.
    void sweep();

    qint64 count(EndpointState state) const { return m_stateTotal[size_t(state)]; }
    qint64 count() const;
    /// The endpoint groups of a sample (sys.conversation_endpoints grouped), each with its
    /// earliest lifetime. Not const: finding the earliest drops stale heap entries.
    void appendTo(MonitorSample &s);

private:
    struct Group
    {
        QString localService;
        QString farService;
        bool initiator = false;
        std::array<qint64, EndpointStateCount> count{};
        std::array<qint64, EndpointStateCount> neverExpiring{};
        qint64 closedUnset = 0;
        std::array<LifetimeHeap, EndpointStateCount> lifetimes;
    };

    int groupFor(int localService, int farService, bool initiator);
    void scheduleExpiry(qint32 id);
    /// Records that endpoint `id` is now in its state, for the group's earliest lifetime.
    void noteLifetime(qint32 id);
    /// Whether a lifetime-heap entry is still an endpoint in `state` (not freed, reused or moved on).
    bool isIn(const LifetimeHeap::Entry &entry, size_t state) const;

    SimContext &m_ctx;
    std::vector<SimEndpoint> m_eps;
    std::vector<qint32> m_free;
    std::vector<Group> m_groups;
    QHash<quint64, int> m_groupIndex;
    std::array<qint64, EndpointStateCount> m_stateTotal{};
    std::vector<std::pair<qint32, quint32>> m_parked;
};

} // namespace bs::sim

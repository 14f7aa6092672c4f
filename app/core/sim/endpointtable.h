#pragma once

#include "core/monitorsample.h"
#include "core/sim/chunkedvector.h"
#include "core/sim/lifetimeheap.h"
#include "core/sim/simcontext.h"

#include <QHash>

#include <array>
#include <vector>

namespace bs::sim {

/// Why an endpoint's messages wait in sys.transmission_queue.
enum class TxReason : quint8 { None, BrokerDisabled, QueueDisabled, ServiceNotFound, RouteFailure };

/// One conversation endpoint (a row of sys.conversation_endpoints): 32 bytes, because a leaking
/// database holds millions of them. What only some endpoints need lives elsewhere: messages in a
/// SimMailbox (EndpointTable::mailbox), the reader holding the conversation group lock in a hash
/// of the few locked endpoints, the queue and group in tables per workload and side.
struct SimEndpoint
{
    SimTime lifetimeEnd = 0;
    qint32 far = -1;
    quint32 farGen = 0;
    quint32 gen = 0;
    qint32 mailbox = -1; ///< its SimMailbox; -1 while it has no messages
    quint16 workload = 0;
    quint8 stateCode = 0;
    quint8 rollbacks = 0; ///< consecutive rollbacks of RECEIVEs on this conversation
    TxReason txReason = TxReason::None;
    quint8 txAttempt = 0;
    bool initiator : 1 = false;
    bool alive : 1 = false;
    bool inReady : 1 = false;
    bool farCreated : 1 = false;
    bool stampAllowed : 1 = false; ///< the initiator showed it saw the acknowledgement of message 0
    bool stampSet : 1 = false;
    bool expiredCounted : 1 = false;
    bool neverExpiring : 1 = false;
    bool inTxList : 1 = false;     ///< the id is in TransmissionQueue's list (kept across reuse)
    bool locked : 1 = false;       ///< a reader holds its conversation group (EndpointTable::lockedBy)
    bool delivered : 1 = false;    ///< initiator: its first message has been delivered...
    bool deliveredNow : 1 = false; ///< ...in the transaction that is running now
    bool eosSent : 1 = false;      ///< initiator: EndOfStream sent, no more tasks on it

    EndpointState state() const { return EndpointState(stateCode); }
    /// Delivered in an earlier transaction than the current one (the acknowledgement of message 0
    /// has been seen by the time the initiator sends again or ends).
    bool deliveredEarlier() const { return delivered && !deliveredNow; }
};
static_assert(sizeof(SimEndpoint) == 32, "keep the endpoint at 32 bytes (docs/performance.md)");

/// The messages of an endpoint that has any: its own queue's (inbox) and those held in the
/// transmission queue (outbox), with the time the oldest of those entered it.
struct SimMailbox
{
    SimMessageList inbox;
    SimMessageList outbox;
    SimTime txSince = 0;
};

/// The conversation endpoints of a run: storage in blocks with a free list and generation
/// counters (a freed id is reused; a stale (id, generation) is recognised), the counts by state
/// and by (local service, far service, side) that a sample reports, and the expiry schedule,
/// which parks lifetimes beyond ExpiryHorizon and sweeps them onto the event heap hourly.
class EndpointTable
{
public:
    explicit EndpointTable(SimContext &context);

    bool valid(qint32 id, quint32 gen) const { return id >= 0 && m_eps[id].alive && m_eps[id].gen == gen; }
    SimEndpoint &operator[](qint32 id) { return m_eps[id]; }
    const SimEndpoint &operator[](qint32 id) const { return m_eps[id]; }

    /// A new endpoint of workload `workload`, counted in its group, its expiry scheduled.
    qint32 create(int workload, bool initiator, EndpointState state, SimTime lifetimeEnd);
    void setState(qint32 id, EndpointState s);
    /// Uncounts the endpoint and frees its id. Its messages must have been removed already.
    void release(qint32 id);
    /// The hourly Sweep event: parked expiries that are now near go onto the event heap. With a
    /// work budget (SimContext::mayContinue) it can stop part-way and returns false; calling it
    /// again continues where it stopped.
    bool sweep();

    /// The queue (index into the catalog's queues) an endpoint belongs to.
    int queueOf(const SimEndpoint &e) const { return m_sideQueue[size_t(2 * e.workload + (e.initiator ? 1 : 0))]; }

    /// Slots in use or free: ids run from 0 to slotCount() - 1 (valid() says which are alive).
    qint32 slotCount() const { return qint32(m_eps.size()); }
    /// The first queued message of `id` (follow SimMessage::next), -1 when none.
    qint32 inboxHead(qint32 id) const { return m_eps[id].mailbox < 0 ? -1 : m_mail[m_eps[id].mailbox].inbox.head; }
    qint32 outboxHead(qint32 id) const { return m_eps[id].mailbox < 0 ? -1 : m_mail[m_eps[id].mailbox].outbox.head; }
    qint32 inboxCount(qint32 id) const { return m_eps[id].mailbox < 0 ? 0 : m_mail[m_eps[id].mailbox].inbox.count; }
    qint32 outboxCount(qint32 id) const { return m_eps[id].mailbox < 0 ? 0 : m_mail[m_eps[id].mailbox].outbox.count; }
    void appendInbox(qint32 id, qint32 msg) { m_ctx.messages.append(mailbox(id).inbox, msg); }
    void prependInbox(qint32 id, qint32 msg) { m_ctx.messages.prepend(mailbox(id).inbox, msg); }
    void appendOutbox(qint32 id, qint32 msg) { m_ctx.messages.append(mailbox(id).outbox, msg); }
    /// Unlinks the first message; -1 when there is none. An emptied mailbox is given back.
    qint32 popInbox(qint32 id) { return pop(id, &SimMailbox::inbox); }
    qint32 popOutbox(qint32 id) { return pop(id, &SimMailbox::outbox); }
    SimTime txSince(qint32 id) const { return m_mail[m_eps[id].mailbox].txSince; }
    void setTxSince(qint32 id, SimTime t) { mailbox(id).txSince = t; }

    /// The reader holding endpoint `id`'s conversation group, or -1.
    qint32 lockedBy(qint32 id) const { return m_eps[id].locked ? m_lockOwner.value(id, -1) : -1; }
    void lock(qint32 id, qint32 reader);
    void unlock(qint32 id);

    /// Initiator `id`'s first message was delivered in the current transaction.
    void markDelivered(qint32 id);
    /// The transaction (event) ends: "delivered now" becomes "delivered earlier".
    void endTransaction();

    qint64 count(EndpointState state) const { return m_stateTotal[size_t(state)]; }
    qint64 count() const;
    /// The endpoint groups of a sample (sys.conversation_endpoints grouped), each with its
    /// earliest lifetime. Not const: finding the earliest drops stale heap entries.
    void appendTo(MonitorSample &s);
    /// Bytes held by the endpoint storage and its indexes (bench_sim's memory figure).
    qint64 allocatedBytes() const;

private:
    struct Group
    {
        int local = -1; ///< service indexes
        int far = -1;
        QString localService;
        QString farService;
        bool initiator = false;
        std::array<qint64, EndpointStateCount> count{};
        std::array<qint64, EndpointStateCount> neverExpiring{};
        qint64 closedUnset = 0;
        std::array<LifetimeHeap, EndpointStateCount> lifetimes;
    };
    struct Parked
    {
        qint32 id;
        quint32 gen;
    };

    int groupOf(const SimEndpoint &e);
    void scheduleExpiry(qint32 id);
    /// Records that endpoint `id` is now in its state, for the group's earliest lifetime.
    void noteLifetime(qint32 id);
    /// Endpoint `id` leaves its state (a change or its release): stale heap entries may go.
    void noteLeaving(qint32 id);
    /// Whether a lifetime-heap entry of group `group` still stands for an endpoint in `state`
    /// (not freed or moved on; a reused id counts only with the same group, state and lifetime).
    bool isIn(const LifetimeHeap::Entry &entry, int group, size_t state) const;
    SimMailbox &mailbox(qint32 id);
    qint32 pop(qint32 id, SimMessageList SimMailbox::*list);

    SimContext &m_ctx;
    ChunkedVector<SimEndpoint> m_eps;
    ChunkedVector<qint32> m_free;
    ChunkedVector<SimMailbox, 12> m_mail;
    std::vector<qint32> m_freeMail;
    std::vector<Group> m_groups;
    std::vector<int> m_sideGroup; ///< per (workload, side): its group, -1 until its first endpoint
    std::vector<int> m_sideQueue; ///< per (workload, side): the queue of the local service
    std::array<qint64, EndpointStateCount> m_stateTotal{};
    ChunkedVector<Parked> m_parked;
    qint64 m_sweepRead = -1; ///< the sweep in progress: next entry to look at (-1 = none running)
    qint64 m_sweepKeep = 0;
    QHash<qint32, qint32> m_lockOwner;
    std::vector<qint32> m_deliveredNow;
};

} // namespace bs::sim

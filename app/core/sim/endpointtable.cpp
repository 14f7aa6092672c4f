#include "core/sim/endpointtable.h"

namespace bs::sim {

namespace {

// Sweep entries looked at per unit of the work budget: the check is one endpoint read.
constexpr qint64 SweepEntriesPerUnit = 64;

} // namespace

EndpointTable::EndpointTable(SimContext &context)
    : m_ctx(context)
{
    m_sideGroup.assign(2 * m_ctx.workloads.size(), -1);
    m_sideQueue.assign(2 * m_ctx.workloads.size(), -1);
    for (size_t w = 0; w < m_ctx.workloads.size(); ++w) {
        const SimWorkload &wl = m_ctx.workloads[w];
        // Index 2w is the target side, 2w + 1 the initiator side (queueOf()).
        if (wl.to >= 0)
            m_sideQueue[2 * w] = m_ctx.services[size_t(wl.to)].queue;
        if (wl.from >= 0)
            m_sideQueue[2 * w + 1] = m_ctx.services[size_t(wl.from)].queue;
    }
}

int EndpointTable::groupOf(const SimEndpoint &e)
{
    int &cached = m_sideGroup[size_t(2 * e.workload + (e.initiator ? 1 : 0))];
    if (cached >= 0)
        return cached;
    const SimWorkload &w = m_ctx.workloads[e.workload];
    const int local = e.initiator ? w.from : w.to;
    const int far = e.initiator ? w.to : w.from;
    // Workloads between the same two services share one group, as rows of the GROUP BY do; groups
    // come in the order of their first endpoint.
    for (size_t i = 0; i < m_groups.size(); ++i) {
        const Group &g = m_groups[i];
        if (g.initiator == e.initiator && g.local == local && g.far == far) {
            cached = int(i);
            return cached;
        }
    }
    Group g;
    g.local = local;
    g.far = far;
    g.localService = m_ctx.services[size_t(local)].name;
    g.farService = m_ctx.services[size_t(far)].name;
    g.initiator = e.initiator;
    m_groups.push_back(std::move(g));
    cached = int(m_groups.size()) - 1;
    return cached;
}

qint32 EndpointTable::create(int workload, bool initiator, EndpointState state, SimTime lifetimeEnd)
{
    qint32 id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = qint32(m_eps.size());
        m_eps.push_back(SimEndpoint{});
    }
    SimEndpoint &e = m_eps[id];
    const quint32 gen = e.gen;
    // The transmission queue's list may still hold this id from the endpoint freed before:
    // keep the flag, or the id would be listed twice and its messages counted twice.
    const bool listed = e.inTxList;
    e = SimEndpoint{};
    e.gen = gen;
    e.inTxList = listed;
    e.alive = true;
    e.workload = quint16(workload);
    e.initiator = initiator;
    e.stateCode = quint8(state);
    e.lifetimeEnd = lifetimeEnd;
    e.neverExpiring = lifetimeEnd - m_ctx.now > NeverExpiringThreshold;
    Group &g = m_groups[size_t(groupOf(e))];
    ++g.count[size_t(state)];
    if (e.neverExpiring)
        ++g.neverExpiring[size_t(state)];
    ++m_stateTotal[size_t(state)];
    noteLifetime(id);
    scheduleExpiry(id);
    return id;
}

void EndpointTable::setState(qint32 id, EndpointState s)
{
    SimEndpoint &e = m_eps[id];
    const EndpointState old = e.state();
    if (old == s)
        return;
    Group &g = m_groups[size_t(groupOf(e))];
    if (s == EndpointState::CD && e.stampSet && e.neverExpiring) {
        // A CLOSED endpoint whose security timestamp is set goes 30 minutes later whatever its
        // lifetime, so it does expire; sql/monitor/endpoints.sql leaves it out of never_expiring.
        --g.neverExpiring[size_t(old)];
        e.neverExpiring = false;
    }
    --g.count[size_t(old)];
    ++g.count[size_t(s)];
    if (e.neverExpiring) {
        --g.neverExpiring[size_t(old)];
        ++g.neverExpiring[size_t(s)];
    }
    --m_stateTotal[size_t(old)];
    ++m_stateTotal[size_t(s)];
    if (old == EndpointState::CD && !e.stampSet)
        --g.closedUnset;
    if (s == EndpointState::CD && !e.stampSet)
        ++g.closedUnset;
    e.stateCode = quint8(s);
    const int gi = groupOf(e);
    g.lifetimes[size_t(old)].left(g.count[size_t(old)], [this, gi, old](const LifetimeHeap::Entry &x) { return isIn(x, gi, size_t(old)); });
    noteLifetime(id);
}

void EndpointTable::noteLifetime(qint32 id)
{
    const SimEndpoint &e = m_eps[id];
    const int gi = groupOf(e);
    Group &g = m_groups[size_t(gi)];
    const size_t st = e.stateCode;
    g.lifetimes[st].push({e.lifetimeEnd, id}, g.count[st], [this, gi, st](const LifetimeHeap::Entry &x) { return isIn(x, gi, st); });
}

bool EndpointTable::isIn(const LifetimeHeap::Entry &entry, int group, size_t state) const
{
    const SimEndpoint &e = m_eps[entry.id];
    return e.alive && e.stateCode == state && e.lifetimeEnd == entry.lifetimeEnd
        && m_sideGroup[size_t(2 * e.workload + (e.initiator ? 1 : 0))] == group;
}

void EndpointTable::release(qint32 id)
{
    SimEndpoint &e = m_eps[id];
    const int gi = groupOf(e);
    Group &g = m_groups[size_t(gi)];
    const size_t st = e.stateCode;
    --g.count[st];
    if (e.neverExpiring)
        --g.neverExpiring[st];
    if (e.state() == EndpointState::CD && !e.stampSet)
        --g.closedUnset;
    --m_stateTotal[st];
    if (e.locked)
        m_lockOwner.remove(id);
    if (e.mailbox >= 0) {
        m_freeMail.push_back(e.mailbox);
        e.mailbox = -1;
    }
    e.alive = false;
    e.locked = false;
    ++e.gen;
    m_free.push_back(id);
    g.lifetimes[st].left(g.count[st], [this, gi, st](const LifetimeHeap::Entry &x) { return isIn(x, gi, st); });
}

SimMailbox &EndpointTable::mailbox(qint32 id)
{
    SimEndpoint &e = m_eps[id];
    if (e.mailbox < 0) {
        if (!m_freeMail.empty()) {
            e.mailbox = m_freeMail.back();
            m_freeMail.pop_back();
        } else {
            e.mailbox = qint32(m_mail.size());
            m_mail.push_back(SimMailbox{});
        }
        m_mail[e.mailbox] = SimMailbox{};
    }
    return m_mail[e.mailbox];
}

qint32 EndpointTable::pop(qint32 id, SimMessageList SimMailbox::*list)
{
    SimEndpoint &e = m_eps[id];
    if (e.mailbox < 0)
        return -1;
    SimMailbox &mb = m_mail[e.mailbox];
    const qint32 m = m_ctx.messages.popFront(mb.*list);
    if (mb.inbox.count == 0 && mb.outbox.count == 0) {
        m_freeMail.push_back(e.mailbox);
        e.mailbox = -1;
    }
    return m;
}

void EndpointTable::lock(qint32 id, qint32 reader)
{
    m_eps[id].locked = true;
    m_lockOwner.insert(id, reader);
}

void EndpointTable::unlock(qint32 id)
{
    m_eps[id].locked = false;
    m_lockOwner.remove(id);
}

void EndpointTable::markDelivered(qint32 id)
{
    SimEndpoint &e = m_eps[id];
    e.delivered = true;
    e.deliveredNow = true;
    m_deliveredNow.push_back(id);
}

void EndpointTable::endTransaction()
{
    // An id freed and reused within the transaction belongs to an endpoint created in it, so
    // clearing its flag is right as well.
    for (const qint32 id : m_deliveredNow)
        m_eps[id].deliveredNow = false;
    m_deliveredNow.clear();
}

void EndpointTable::scheduleExpiry(qint32 id)
{
    const SimEndpoint &e = m_eps[id];
    if (e.lifetimeEnd - m_ctx.now <= ExpiryHorizon)
        m_ctx.events.push(e.lifetimeEnd, SimEventKind::Expiry, id, e.gen);
    else
        m_parked.push_back(Parked{id, e.gen});
}

bool EndpointTable::sweep()
{
    if (m_sweepRead < 0) {
        m_sweepRead = 0;
        m_sweepKeep = 0;
    }
    // In parked order, as one pass: the expiries go onto the heap in the same order (and so get
    // the same tie-breaking sequence) however the pass is sliced.
    while (m_sweepRead < m_parked.size()) {
        if (m_sweepRead % SweepEntriesPerUnit == 0 && !m_ctx.mayContinue())
            return false;
        const Parked p = m_parked[m_sweepRead++];
        if (!valid(p.id, p.gen))
            continue;
        if (m_eps[p.id].lifetimeEnd - m_ctx.now <= ExpiryHorizon)
            m_ctx.events.push(m_eps[p.id].lifetimeEnd, SimEventKind::Expiry, p.id, p.gen);
        else
            m_parked[m_sweepKeep++] = p;
    }
    m_parked.truncate(m_sweepKeep);
    m_parked.shrinkToFit();
    m_sweepRead = -1;
    m_ctx.events.push(m_ctx.now + ExpiryHorizon, SimEventKind::Sweep, 0);
    return true;
}

qint64 EndpointTable::count() const
{
    qint64 n = 0;
    for (const qint64 c : m_stateTotal)
        n += c;
    return n;
}

qint64 EndpointTable::allocatedBytes() const
{
    qint64 n = m_eps.allocatedBytes() + m_free.allocatedBytes() + m_mail.allocatedBytes() + m_parked.allocatedBytes();
    for (const Group &g : m_groups) {
        for (const LifetimeHeap &h : g.lifetimes)
            n += h.allocatedBytes();
    }
    return n;
}

void EndpointTable::appendTo(MonitorSample &s)
{
    for (int gi = 0; gi < int(m_groups.size()); ++gi) {
        Group &g = m_groups[size_t(gi)];
        for (int st = 0; st < EndpointStateCount; ++st) {
            if (g.count[size_t(st)] == 0)
                continue;
            EndpointGroup eg;
            eg.state = EndpointState(st);
            eg.localService = g.localService;
            eg.farService = g.farService;
            eg.isInitiator = g.initiator;
            eg.count = g.count[size_t(st)];
            eg.neverExpiring = g.neverExpiring[size_t(st)];
            if (eg.state == EndpointState::CD)
                eg.closedWithUnsetSecurityTimestamp = g.closedUnset;
            // MIN(lifetime) of the group as sql/monitor/endpoints.sql reads it: the dialog's
            // begin time + LIFETIME, shared by both endpoints of a conversation.
            const auto earliest = g.lifetimes[size_t(st)].earliest(
                [this, gi, st](const LifetimeHeap::Entry &x) { return isIn(x, gi, size_t(st)); });
            if (earliest)
                eg.oldestLifetime = m_ctx.wallTime(*earliest);
            s.endpoints.append(eg);
        }
    }
}

} // namespace bs::sim

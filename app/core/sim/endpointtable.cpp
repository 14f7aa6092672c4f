#include "core/sim/endpointtable.h"

namespace bs::sim {

int EndpointTable::groupFor(int localService, int farService, bool initiator)
{
    const quint64 key = (quint64(quint32(localService)) << 33) | (quint64(quint32(farService)) << 1) | (initiator ? 1 : 0);
    const auto it = m_groupIndex.constFind(key);
    if (it != m_groupIndex.constEnd())
        return it.value();
    Group g;
    g.localService = m_ctx.services[size_t(localService)].name;
    g.farService = m_ctx.services[size_t(farService)].name;
    g.initiator = initiator;
    m_groups.push_back(g);
    m_groupIndex.insert(key, int(m_groups.size()) - 1);
    return int(m_groups.size()) - 1;
}

qint32 EndpointTable::create(int workload, bool initiator, EndpointState state, SimTime lifetimeEnd)
{
    qint32 id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = qint32(m_eps.size());
        m_eps.emplace_back();
    }
    SimEndpoint &e = m_eps[size_t(id)];
    const quint32 gen = e.gen;
    e = SimEndpoint{};
    e.gen = gen;
    e.alive = true;
    e.workload = workload;
    e.initiator = initiator;
    e.state = state;
    e.lifetimeEnd = lifetimeEnd;
    e.neverExpiring = lifetimeEnd - m_ctx.now > NeverExpiringThreshold;
    const SimWorkload &w = m_ctx.workloads[size_t(workload)];
    const int local = initiator ? w.from : w.to;
    const int far = initiator ? w.to : w.from;
    e.queue = m_ctx.services[size_t(local)].queue;
    e.group = groupFor(local, far, initiator);
    Group &g = m_groups[size_t(e.group)];
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
    SimEndpoint &e = m_eps[size_t(id)];
    if (e.state == s)
        return;
    Group &g = m_groups[size_t(e.group)];
    if (s == EndpointState::CD && e.stampSet && e.neverExpiring) {
        // A CLOSED endpoint whose security timestamp is set goes 30 minutes later whatever its
        // lifetime, so it does expire; sql/monitor/endpoints.sql leaves it out of never_expiring.
        --g.neverExpiring[size_t(e.state)];
        e.neverExpiring = false;
    }
    --g.count[size_t(e.state)];
    ++g.count[size_t(s)];
    if (e.neverExpiring) {
        --g.neverExpiring[size_t(e.state)];
        ++g.neverExpiring[size_t(s)];
    }
    --m_stateTotal[size_t(e.state)];
    ++m_stateTotal[size_t(s)];
    if (e.state == EndpointState::CD && !e.stampSet)
        --g.closedUnset;
    if (s == EndpointState::CD && !e.stampSet)
        ++g.closedUnset;
    e.state = s;
    noteLifetime(id);
}

void EndpointTable::noteLifetime(qint32 id)
{
    const SimEndpoint &e = m_eps[size_t(id)];
    Group &g = m_groups[size_t(e.group)];
    const size_t st = size_t(e.state);
    g.lifetimes[st].push({e.lifetimeEnd, id, e.gen}, g.count[st],
                         [this, st](const LifetimeHeap::Entry &x) { return isIn(x, st); });
}

bool EndpointTable::isIn(const LifetimeHeap::Entry &entry, size_t state) const
{
    const SimEndpoint &e = m_eps[size_t(entry.id)];
    return e.alive && e.gen == entry.gen && size_t(e.state) == state;
}

void EndpointTable::release(qint32 id)
{
    SimEndpoint &e = m_eps[size_t(id)];
    Group &g = m_groups[size_t(e.group)];
    --g.count[size_t(e.state)];
    if (e.neverExpiring)
        --g.neverExpiring[size_t(e.state)];
    if (e.state == EndpointState::CD && !e.stampSet)
        --g.closedUnset;
    --m_stateTotal[size_t(e.state)];
    e.alive = false;
    ++e.gen;
    m_free.push_back(id);
}

void EndpointTable::scheduleExpiry(qint32 id)
{
    const SimEndpoint &e = m_eps[size_t(id)];
    if (e.lifetimeEnd - m_ctx.now <= ExpiryHorizon)
        m_ctx.events.push(e.lifetimeEnd, SimEventKind::Expiry, id, e.gen);
    else
        m_parked.emplace_back(id, e.gen);
}

void EndpointTable::sweep()
{
    size_t keep = 0;
    for (const auto &[id, gen] : m_parked) {
        if (!valid(id, gen))
            continue;
        if (m_eps[size_t(id)].lifetimeEnd - m_ctx.now <= ExpiryHorizon)
            m_ctx.events.push(m_eps[size_t(id)].lifetimeEnd, SimEventKind::Expiry, id, gen);
        else
            m_parked[keep++] = {id, gen};
    }
    m_parked.resize(keep);
    m_ctx.events.push(m_ctx.now + ExpiryHorizon, SimEventKind::Sweep, 0);
}

qint64 EndpointTable::count() const
{
    qint64 n = 0;
    for (const qint64 c : m_stateTotal)
        n += c;
    return n;
}

void EndpointTable::appendTo(MonitorSample &s)
{
    for (Group &g : m_groups) {
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
                [this, st](const LifetimeHeap::Entry &x) { return isIn(x, size_t(st)); });
            if (earliest)
                eg.oldestLifetime = m_ctx.wallTime(*earliest);
            s.endpoints.append(eg);
        }
    }
}

} // namespace bs::sim

#pragma once

#include "core/sim/simconstants.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace bs::sim {

/// The earliest dialog lifetime among the endpoints of one (group, state): what
/// MIN(sys.conversation_endpoints.lifetime) gives per group (EndpointGroup::oldestLifetime).
/// A min-heap with lazy deletion: an endpoint is pushed when it enters the state and is not
/// looked for when it leaves; the owner's predicate tells a current entry from a stale one
/// (freed, reused, or in another state by now). Stale entries are dropped when they reach the
/// top, and the heap is compacted when they outnumber the live endpoints, so memory follows
/// the live population and each state change costs O(log n) amortised.
class LifetimeHeap
{
public:
    struct Entry
    {
        SimTime lifetimeEnd = 0;
        qint32 id = -1;
        quint32 gen = 0;
    };

    /// `liveCount`: endpoints now in this (group, state), the new one included.
    template<typename IsCurrent>
    void push(const Entry &entry, qint64 liveCount, IsCurrent isCurrent)
    {
        m_heap.push_back(entry);
        std::push_heap(m_heap.begin(), m_heap.end(), later);
        if (qint64(m_heap.size()) > 2 * liveCount + CompactionSlack)
            compact(isCurrent);
    }

    /// The earliest lifetime of a current entry; drops stale entries from the top on the way.
    template<typename IsCurrent>
    std::optional<SimTime> earliest(IsCurrent isCurrent)
    {
        while (!m_heap.empty() && !isCurrent(m_heap.front())) {
            std::pop_heap(m_heap.begin(), m_heap.end(), later);
            m_heap.pop_back();
        }
        if (m_heap.empty())
            return std::nullopt;
        return m_heap.front().lifetimeEnd;
    }

    size_t size() const { return m_heap.size(); }

private:
    // Small groups are not compacted on every change: a few stale entries cost nothing.
    static constexpr qint64 CompactionSlack = 64;

    static bool later(const Entry &a, const Entry &b) { return a.lifetimeEnd > b.lifetimeEnd; }

    template<typename IsCurrent>
    void compact(IsCurrent isCurrent)
    {
        std::erase_if(m_heap, [&](const Entry &e) { return !isCurrent(e); });
        std::make_heap(m_heap.begin(), m_heap.end(), later);
    }

    std::vector<Entry> m_heap;
};

} // namespace bs::sim

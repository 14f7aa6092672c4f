#pragma once

#include "core/sim/chunkedvector.h"
#include "core/sim/simconstants.h"

#include <optional>

namespace bs::sim {

/// The earliest dialog lifetime among the endpoints of one (group, state): what
/// MIN(sys.conversation_endpoints.lifetime) gives per group (EndpointGroup::oldestLifetime).
/// A min-heap with lazy deletion: an endpoint is pushed when it enters the state and is not
/// looked for when it leaves; the owner's predicate tells a current entry from a stale one
/// (freed, reused, or in another state by now). Stale entries are dropped when they reach the
/// top (at once when an endpoint leaves: endpoints mostly leave in lifetime order), and the heap
/// is compacted when they outnumber the live endpoints, so memory follows the live population
/// and each state change costs O(log n) amortised. Ties are broken by id, so a batch of equal
/// lifetimes leaves from the top too (ids are handed out in creation order).
class LifetimeHeap
{
public:
#pragma pack(push, 4)
    /// 12 bytes: one per endpoint and state it is in. No generation: the owner tells a stale
    /// entry by the endpoint's state, group and lifetime (a reused id with all three equal stands
    /// for an endpoint with that very lifetime, so the minimum is still right).
    struct Entry
    {
        SimTime lifetimeEnd = 0;
        qint32 id = -1;
    };
#pragma pack(pop)
    static_assert(sizeof(Entry) == 12);

    /// `liveCount`: endpoints now in this (group, state), the new one included.
    template<typename IsCurrent>
    void push(const Entry &entry, qint64 liveCount, IsCurrent isCurrent)
    {
        qint64 i = m_heap.size();
        m_heap.push_back(entry);
        siftUp(i, entry);
        if (m_heap.size() > 2 * liveCount + CompactionSlack)
            compact(isCurrent);
    }

    /// An endpoint left this (group, state); `liveCount` is what remains.
    template<typename IsCurrent>
    void left(qint64 liveCount, IsCurrent isCurrent)
    {
        if (liveCount == 0) {
            // Nobody left in the state: no entry can be current. One block stays for the next.
            m_heap.truncate(0);
            m_heap.shrinkToFit();
            return;
        }
        dropStaleTop(isCurrent);
        if (m_heap.size() > 2 * liveCount + CompactionSlack)
            compact(isCurrent);
    }

    /// The earliest lifetime of a current entry; drops stale entries from the top on the way.
    template<typename IsCurrent>
    std::optional<SimTime> earliest(IsCurrent isCurrent)
    {
        dropStaleTop(isCurrent);
        if (m_heap.empty())
            return std::nullopt;
        return m_heap[0].lifetimeEnd;
    }

    size_t size() const { return size_t(m_heap.size()); }
    qint64 allocatedBytes() const { return m_heap.allocatedBytes(); }

private:
    // Small groups are not compacted on every change: a few stale entries cost nothing.
    static constexpr qint64 CompactionSlack = 64;

    static bool before(const Entry &a, const Entry &b)
    {
        return a.lifetimeEnd != b.lifetimeEnd ? a.lifetimeEnd < b.lifetimeEnd : a.id < b.id;
    }

    void siftUp(qint64 i, const Entry &e)
    {
        while (i > 0) {
            const qint64 parent = (i - 1) / 2;
            if (!before(e, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    void siftDown(qint64 i, const Entry &e)
    {
        const qint64 n = m_heap.size();
        for (;;) {
            qint64 child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && before(m_heap[child + 1], m_heap[child]))
                ++child;
            if (!before(m_heap[child], e))
                break;
            m_heap[i] = m_heap[child];
            i = child;
        }
        m_heap[i] = e;
    }

    void popTop()
    {
        const Entry last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty())
            siftDown(0, last);
    }

    template<typename IsCurrent>
    void dropStaleTop(IsCurrent isCurrent)
    {
        while (!m_heap.empty() && !isCurrent(m_heap[0]))
            popTop();
    }

    template<typename IsCurrent>
    void compact(IsCurrent isCurrent)
    {
        qint64 keep = 0;
        for (qint64 i = 0; i < m_heap.size(); ++i) {
            if (isCurrent(m_heap[i]))
                m_heap[keep++] = m_heap[i];
        }
        m_heap.truncate(keep);
        m_heap.shrinkToFit();
        for (qint64 i = keep / 2 - 1; i >= 0; --i)
            siftDown(i, m_heap[i]);
    }

    ChunkedVector<Entry, 10> m_heap;
};

} // namespace bs::sim

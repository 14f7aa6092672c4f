#pragma once

#include "core/sim/chunkedvector.h"
#include "core/sim/simconstants.h"

namespace bs::sim {

/// What a simulator event does when it fires.
enum class SimEventKind : quint8 {
    SenderFire,     ///< a workload sends its next message(s)
    TaskDone,       ///< a reader finishes the message it received
    ReaderTimeout,  ///< a reader's WAITFOR (RECEIVE ...), TIMEOUT expires
    MonitorCheck,   ///< a queue monitor's periodic check
    Expiry,         ///< an endpoint's dialog lifetime ends
    Retention,      ///< a closed target endpoint's security timestamp passes
    TransmitRetry,  ///< retry sending an endpoint's messages held in the transmission queue
    Sweep,          ///< hourly: move far-away expiries onto the heap
    Change,         ///< a scripted change of the scenario
    DialogTimer,    ///< an endpoint's conversation timer expires
};

/// One event: a 24-byte POD ordered by time, then by insertion sequence (so ties are resolved
/// the same way on every run). The sequence and the kind share one word (sequence << 8 | kind):
/// sequences are unique, so ordering by the word orders by sequence. `generation` lets a stale
/// event (for an endpoint or reader that was freed and reused) be recognised and skipped.
struct SimEvent
{
    SimTime time = 0;
    quint64 sequenceAndKind = 0;
    qint32 target = 0;
    quint32 generation = 0;

    SimEventKind kind() const { return SimEventKind(sequenceAndKind & 0xff); }
    quint64 sequence() const { return sequenceAndKind >> 8; }
};

/// Binary min-heap of SimEvent in a ChunkedVector: no allocation per event once warmed up, and
/// no copy of the whole heap when it grows (a batch of millions of messages puts millions of
/// expiries on it).
class SimEventQueue
{
public:
    void push(SimTime time, SimEventKind kind, qint32 target, quint32 generation = 0)
    {
        const SimEvent ev{time, (m_sequence++ << 8) | quint64(kind), target, generation};
        m_heap.push_back(ev);
        if (SimEvent *a = m_heap.contiguous())
            siftUp(a, ev);
        else
            siftUp(m_heap, ev);
    }
    bool isEmpty() const { return m_heap.empty(); }
    const SimEvent &top() const { return m_heap[0]; }
    SimEvent pop()
    {
        const SimEvent first = m_heap[0];
        const SimEvent last = m_heap.back();
        m_heap.pop_back();
        if (m_heap.empty())
            return first;
        if (SimEvent *a = m_heap.contiguous())
            fill(a, last);
        else
            fill(m_heap, last);
        return first;
    }
    qint64 size() const { return m_heap.size(); }
    qint64 allocatedBytes() const { return m_heap.allocatedBytes(); }

private:
    static bool before(const SimEvent &a, const SimEvent &b)
    {
        return a.time != b.time ? a.time < b.time : a.sequenceAndKind < b.sequenceAndKind;
    }

    // `Heap` is a plain array (the first block, while everything fits in it) or the ChunkedVector.
    template<typename Heap>
    void siftUp(Heap &&heap, const SimEvent &ev)
    {
        qint64 i = m_heap.size() - 1;
        while (i > 0) {
            const qint64 parent = (i - 1) / 2;
            if (!before(ev, heap[parent]))
                break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = ev;
    }

    // Floyd's pop: the hole left at the top goes down along the earlier child to a leaf (one
    // comparison per level), then `last` climbs back from there; it mostly belongs near the bottom.
    template<typename Heap>
    void fill(Heap &&heap, const SimEvent &last)
    {
        const qint64 n = m_heap.size();
        qint64 hole = 0;
        for (qint64 child = 1; child < n; child = 2 * hole + 1) {
            if (child + 1 < n && before(heap[child + 1], heap[child]))
                ++child;
            heap[hole] = heap[child];
            hole = child;
        }
        while (hole > 0) {
            const qint64 parent = (hole - 1) / 2;
            if (!before(last, heap[parent]))
                break;
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = last;
    }
    ChunkedVector<SimEvent> m_heap;
    quint64 m_sequence = 0;
};

} // namespace bs::sim

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
        qint64 i = m_heap.size();
        m_heap.push_back(ev);
        while (i > 0) {
            const qint64 parent = (i - 1) / 2;
            if (!before(ev, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = ev;
    }
    bool isEmpty() const { return m_heap.empty(); }
    const SimEvent &top() const { return m_heap[0]; }
    SimEvent pop()
    {
        const SimEvent first = m_heap[0];
        const SimEvent last = m_heap.back();
        m_heap.pop_back();
        const qint64 n = m_heap.size();
        if (n > 0) {
            qint64 i = 0;
            for (;;) {
                qint64 child = 2 * i + 1;
                if (child >= n)
                    break;
                if (child + 1 < n && before(m_heap[child + 1], m_heap[child]))
                    ++child;
                if (!before(m_heap[child], last))
                    break;
                m_heap[i] = m_heap[child];
                i = child;
            }
            m_heap[i] = last;
        }
        return first;
    }
    qint64 size() const { return m_heap.size(); }
    qint64 allocatedBytes() const { return m_heap.allocatedBytes(); }

private:
    static bool before(const SimEvent &a, const SimEvent &b)
    {
        return a.time != b.time ? a.time < b.time : a.sequenceAndKind < b.sequenceAndKind;
    }
    ChunkedVector<SimEvent> m_heap;
    quint64 m_sequence = 0;
};

} // namespace bs::sim

#pragma once

#include "core/sim/simconstants.h"

#include <algorithm>
#include <vector>

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

/// One event: a small POD ordered by time, then by insertion sequence (so ties are resolved
/// the same way on every run). `generation` lets a stale event (for an endpoint or reader that
/// was freed and reused) be recognised and skipped.
struct SimEvent
{
    SimTime time = 0;
    quint64 sequence = 0;
    qint32 target = 0;
    quint32 generation = 0;
    SimEventKind kind = SimEventKind::SenderFire;
};

/// Binary min-heap of SimEvent on a vector: no allocation per event once warmed up.
class SimEventQueue
{
public:
    void push(SimTime time, SimEventKind kind, qint32 target, quint32 generation = 0)
    {
        m_heap.push_back(SimEvent{time, m_sequence++, target, generation, kind});
        std::push_heap(m_heap.begin(), m_heap.end(), later);
    }
    bool isEmpty() const { return m_heap.empty(); }
    const SimEvent &top() const { return m_heap.front(); }
    SimEvent pop()
    {
        std::pop_heap(m_heap.begin(), m_heap.end(), later);
        const SimEvent e = m_heap.back();
        m_heap.pop_back();
        return e;
    }
    size_t size() const { return m_heap.size(); }
    size_t capacity() const { return m_heap.capacity(); }

private:
    static bool later(const SimEvent &a, const SimEvent &b)
    {
        return a.time != b.time ? a.time > b.time : a.sequence > b.sequence;
    }
    std::vector<SimEvent> m_heap;
    quint64 m_sequence = 0;
};

} // namespace bs::sim

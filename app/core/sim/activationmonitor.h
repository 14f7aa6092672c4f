#pragma once

#include "core/monitorsample.h"
#include "core/sim/endpointtable.h"
#include "core/sim/simcontext.h"

#include <QHash>

#include <deque>
#include <utility>
#include <vector>

namespace bs::sim {

class EndpointLifecycle;
class TransmissionQueue;

/// A queue as the simulator runs it: its flags, depth, ready conversation groups and readers.
struct SimQueue
{
    int catalogIndex = 0;
    bool receiveEnabled = true;
    bool enqueueEnabled = true;
    bool activationEnabled = false;
    bool hasActivation = false;
    bool poisonHandling = true;
    bool touched = false;
    int maxReaders = 0;
    qint64 depth = 0;     // messages ready to RECEIVE (what activation looks at)
    bool retention = false;
    qint64 retained = 0;  // RETENTION = ON: received (status 0) and sent (status 3) copies kept
    // Conversation groups with messages, in the order they became ready. [U] Which group a
    // RECEIVE picks is not documented beyond priority; first-ready-first-served is a model choice.
    std::deque<std::pair<qint32, quint32>> ready;
    std::vector<qint32> waiting;                  // readers inside WAITFOR (RECEIVE)
    int running = 0;
    QueueMonitorState monitor = QueueMonitorState::Inactive;
    SimTime lastActivated = -1;
    SimTime lastEmpty = -1;
    qint64 taskLimitReached = 0;
};

/// The queues and their activation (SERVICE_BROKER.md §5, §6): each queue's monitor state
/// machine (INACTIVE, NOTIFIED, RECEIVES_OCCURRING) and its periodic check, the activated
/// tasks as readers that RECEIVE up to TOP (n) messages of a locked conversation group, run
/// the workload's tasks, commit or roll back, and wait in WAITFOR (RECEIVE) until the timeout;
/// poison-message handling disables a queue after repeated rollbacks.
class ActivationMonitor
{
public:
    ActivationMonitor(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                      TransmissionQueue &transmission);

    /// Puts the first MonitorCheck of every queue with activation on the event heap.
    void scheduleChecks();

    SimQueue &queue(int q) { return m_queues[size_t(q)]; }
    const SimQueue &queue(int q) const { return m_queues[size_t(q)]; }

    /// Endpoint `id` may have messages to RECEIVE: its group joins its queue's ready list.
    void markReady(qint32 id)
    {
        SimEndpoint &e = m_endpoints[id];
        const int q = m_endpoints.queueOf(e);
        if (!e.inReady && !e.locked && m_endpoints.inboxCount(id) > 0) {
            m_queues[size_t(q)].ready.emplace_back(id, e.gen);
            e.inReady = true;
        }
        touch(q);
    }
    /// Queue `q` is looked at again when the current transaction commits.
    void touch(int q)
    {
        SimQueue &sq = m_queues[size_t(q)];
        if (!sq.touched) {
            sq.touched = true;
            m_touched.push_back(q);
        }
    }
    /// Ends the current transaction (one event): the messages it sent leave
    /// (TransmissionQueue::flush), then waiting readers and activation see the queues it touched.
    /// `resumable`: a large commit may stop when the work budget is spent (false) and continue
    /// on the next call.
    bool commit(bool resumable = false);

    /// The MonitorCheck event of queue `q`.
    void monitorCheck(int q);
    /// The ReaderTimeout event of reader (r, gen): an empty WAITFOR (RECEIVE).
    void readerTimeout(qint32 r, quint32 gen);
    /// The TaskDone event of reader (r, gen): the procedure finished the message it received.
    void taskDone(qint32 r, quint32 gen);
    /// ALTER QUEUE from the scenario's changes.
    void alterQueue(const ChangeSpec &c);

    /// RETENTION: endpoint `id` keeps `n` more messages in its queue (nothing if the queue has
    /// no retention) until dropRetained(id), when its conversation ends on its side.
    void retain(qint32 id, qint64 n);
    void dropRetained(qint32 id);

    /// The queue rows of a sample.
    void appendTo(MonitorSample &s) const;
    qint64 tasksRunning() const;
    qint64 taskLimitReached() const;

private:
    struct Reader
    {
        qint32 queue = -1;
        qint32 ep = -1;
        quint32 epGen = 0;
        SimMessageList batch; ///< the messages its RECEIVE took, in order
        qint32 workload = -1;
        quint32 gen = 0;
        bool alive = false;
        bool waiting = false;
        bool committed = false;
        bool initiatorSide = false;
    };

    void poke(int q);
    qint32 peekReady(int q);
    void startReader(int q);
    void readerReceive(qint32 r);
    void readerExit(qint32 r);
    void finishTask(qint32 r);
    /// Whether reader `rd`'s batch rolls back; *doomed = the task that doomed it (-1: none).
    bool batchRollsBack(const Reader &rd, const TaskSpec &ts, qint32 *doomed);
    /// The procedure handles message `m` of a committed batch.
    void process(const Reader &rd, qint32 m);
    void disableQueue(int q);
    SimTime taskDuration(const SimWorkload &w);

    SimContext &m_ctx;
    EndpointTable &m_endpoints;
    EndpointLifecycle &m_lifecycle;
    TransmissionQueue &m_transmission;
    std::vector<SimQueue> m_queues;
    std::vector<Reader> m_readers;
    std::vector<qint32> m_freeReaders;
    std::vector<int> m_touched;
    std::vector<qint32> m_batch; // finishTask's copy of a batch (kept to allocate once)
    QHash<qint32, qint64> m_retained; // endpoint → messages it keeps in a RETENTION queue
};

} // namespace bs::sim

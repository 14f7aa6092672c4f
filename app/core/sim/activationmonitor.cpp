#include "core/sim/activationmonitor.h"

#include "core/sim/endpointlifecycle.h"
#include "core/sim/transmissionqueue.h"

#include <algorithm>

namespace bs::sim {

ActivationMonitor::ActivationMonitor(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                                     TransmissionQueue &transmission)
    : m_ctx(context)
    , m_endpoints(endpoints)
    , m_lifecycle(lifecycle)
    , m_transmission(transmission)
{
    for (int i = 0; i < m_ctx.catalog.queues.size(); ++i) {
        const Queue &q = m_ctx.catalog.queues.at(i);
        SimQueue sq;
        sq.catalogIndex = i;
        sq.receiveEnabled = q.isReceiveEnabled;
        sq.enqueueEnabled = q.isEnqueueEnabled;
        sq.hasActivation = q.hasActivation();
        sq.activationEnabled = q.isActivationEnabled && sq.hasActivation;
        sq.poisonHandling = q.isPoisonMessageHandlingEnabled;
        sq.retention = q.isRetentionEnabled;
        sq.maxReaders = q.maxReaders;
        m_queues.push_back(std::move(sq));
    }
}

void ActivationMonitor::scheduleChecks()
{
    for (int q = 0; q < int(m_queues.size()); ++q) {
        if (m_queues[size_t(q)].hasActivation)
            m_ctx.events.push(m_ctx.monitorInterval, SimEventKind::MonitorCheck, q);
    }
}

bool ActivationMonitor::commit(bool resumable)
{
    if (!m_transmission.flush(resumable))
        return false;
    for (size_t i = 0; i < m_touched.size(); ++i) {
        const int q = m_touched[i];
        m_queues[size_t(q)].touched = false;
        poke(q);
    }
    m_touched.clear();
    return true;
}

void ActivationMonitor::monitorCheck(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    // Activation case (b): ready messages, nobody waiting in RECEIVE, and no empty
    // RECEIVE for one monitor interval (§5). One new task per check at most [U].
    if (sq.activationEnabled && sq.receiveEnabled && sq.depth > 0 && sq.waiting.empty()
        && (sq.lastEmpty < 0 || m_ctx.now - sq.lastEmpty >= m_ctx.monitorInterval)) {
        if (sq.running < sq.maxReaders)
            startReader(q);
        else
            ++sq.taskLimitReached;
    }
    if (sq.running == 0 && (sq.depth == 0 || !sq.receiveEnabled || !sq.activationEnabled))
        sq.monitor = QueueMonitorState::Inactive;
    m_ctx.events.push(m_ctx.now + m_ctx.monitorInterval, SimEventKind::MonitorCheck, q);
}

void ActivationMonitor::readerTimeout(qint32 r, quint32 gen)
{
    Reader &rd = m_readers[size_t(r)];
    if (rd.alive && rd.gen == gen && rd.waiting) {
        // An empty WAITFOR (RECEIVE): the procedure exits; the monitor's 5 s timer restarts.
        m_queues[size_t(rd.queue)].lastEmpty = m_ctx.now;
        readerExit(r);
    }
}

void ActivationMonitor::taskDone(qint32 r, quint32 gen)
{
    const Reader &rd = m_readers[size_t(r)];
    if (rd.alive && rd.gen == gen && rd.batch.count > 0)
        finishTask(r);
}

void ActivationMonitor::alterQueue(const ChangeSpec &c)
{
    for (SimQueue &sq : m_queues) {
        Queue &cq = m_ctx.catalog.queues[sq.catalogIndex];
        if (cq.schema + QLatin1Char('.') + cq.name != c.target)
            continue;
        if (c.status) {
            sq.receiveEnabled = sq.enqueueEnabled = *c.status;
            cq.isReceiveEnabled = cq.isEnqueueEnabled = *c.status;
            while (!*c.status && !sq.waiting.empty()) {
                ++m_ctx.tasksAborted; // their RECEIVE fails on the disabled queue
                readerExit(sq.waiting.front());
            }
        }
        if (c.activation && sq.hasActivation)
            sq.activationEnabled = cq.isActivationEnabled = *c.activation;
        if (c.maxReaders)
            sq.maxReaders = cq.maxReaders = *c.maxReaders;
        if (c.poisonHandling)
            sq.poisonHandling = cq.isPoisonMessageHandlingEnabled = *c.poisonHandling;
        // ALTER QUEUE makes the monitor look again (§5): OFF→ON activates at once.
        touch(int(&sq - m_queues.data()));
    }
}

qint32 ActivationMonitor::peekReady(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    while (!sq.ready.empty()) {
        const auto [id, gen] = sq.ready.front();
        const SimEndpoint &e = m_endpoints[id];
        if (e.alive && e.gen == gen && !e.locked && m_endpoints.inboxCount(id) > 0)
            return id;
        sq.ready.pop_front();
        if (e.gen == gen)
            m_endpoints[id].inReady = false;
    }
    return -1;
}

void ActivationMonitor::poke(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    while (!sq.waiting.empty() && peekReady(q) >= 0) {
        const qint32 r = sq.waiting.front();
        sq.waiting.erase(sq.waiting.begin());
        Reader &rd = m_readers[size_t(r)];
        rd.waiting = false;
        ++rd.gen; // cancels its WAITFOR timeout
        readerReceive(r);
    }
    // Activation case (a): a message reached a queue with no task running (§5).
    if (sq.hasActivation && sq.activationEnabled && sq.receiveEnabled && sq.depth > 0 && sq.running == 0
        && sq.maxReaders > 0)
        startReader(q);
}

void ActivationMonitor::startReader(int q)
{
    qint32 r;
    if (!m_freeReaders.empty()) {
        r = m_freeReaders.back();
        m_freeReaders.pop_back();
    } else {
        r = qint32(m_readers.size());
        m_readers.emplace_back();
    }
    Reader &rd = m_readers[size_t(r)];
    const quint32 gen = rd.gen;
    rd = Reader{};
    rd.gen = gen + 1;
    rd.queue = q;
    rd.alive = true;
    SimQueue &sq = m_queues[size_t(q)];
    ++sq.running;
    ++m_ctx.tasksStarted;
    sq.monitor = QueueMonitorState::Notified;
    sq.lastActivated = m_ctx.now;
    readerReceive(r);
}

SimTime ActivationMonitor::taskDuration(const SimWorkload &w)
{
    const TaskSpec &t = w.spec.task;
    switch (t.distribution) {
    case TaskDistribution::Fixed: return toSimTime(t.meanSeconds);
    case TaskDistribution::Exponential: return toSimTime(m_ctx.rng.exponential(t.meanSeconds));
    case TaskDistribution::LogNormal: return toSimTime(m_ctx.rng.logNormal(t.meanSeconds, t.sigma));
    }
    return 0;
}

void ActivationMonitor::readerReceive(qint32 r)
{
    Reader &rd = m_readers[size_t(r)];
    SimQueue &sq = m_queues[size_t(rd.queue)];
    if (!sq.receiveEnabled) {
        ++m_ctx.tasksAborted;
        readerExit(r); // RECEIVE fails on a disabled queue; the procedure ends with an error
        return;
    }
    const qint32 id = peekReady(rd.queue);
    if (id < 0) {
        // WAITFOR (RECEIVE ...), TIMEOUT: wait for a group to become free or the timeout.
        rd.waiting = true;
        sq.waiting.push_back(r);
        m_ctx.events.push(m_ctx.now + m_ctx.waitfor, SimEventKind::ReaderTimeout, r, rd.gen);
        return;
    }
    sq.ready.pop_front();
    SimEndpoint &e = m_endpoints[id];
    e.inReady = false;
    m_endpoints.lock(id, r);
    ++m_ctx.receivesTotal;
    rd.ep = id;
    rd.epGen = e.gen;
    rd.workload = e.workload;
    rd.initiatorSide = e.initiator;
    rd.committed = false;
    rd.batch = SimMessageList{};
    sq.monitor = QueueMonitorState::ReceivesOccurring;
    const SimWorkload &w = m_ctx.workloads[e.workload];
    // RECEIVE TOP (n) returns messages of one conversation group only, in order (ST receive:
    // https://learn.microsoft.com/sql/t-sql/statements/receive-transact-sql); every simulated
    // conversation is its own group, so a batch is the head of one endpoint's messages. The
    // target's procedure is the workload's (TaskSpec); the initiator's takes one at a time.
    // Time model: the RECEIVE transaction's cost, then each message one after another.
    const int top = e.initiator ? 1 : std::max(1, w.spec.task.receiveTop);
    SimTime duration = e.initiator ? 0 : toSimTime(w.spec.task.receiveSeconds);
    bool anyTask = false;
    for (int k = 0; k < top; ++k) {
        const qint32 m = m_endpoints.popInbox(id);
        if (m < 0)
            break;
        --sq.depth;
        m_ctx.messages.append(rd.batch, m);
        SimMessage &msg = m_ctx.messages[m];
        msg.fails = false;
        if (msg.kind != SimMessageKind::Task || e.initiator) {
            duration += m_ctx.systemMessage;
            continue;
        }
        anyTask = true;
        ++m_ctx.flow.received;
        if (msg.doomedRetry) {
            msg.fails = true; // the second transaction only logs the failure
            duration += m_ctx.systemMessage;
        } else {
            msg.fails = msg.poison || m_ctx.rng.chance(w.spec.task.failureProbability);
            duration += taskDuration(w);
        }
    }
    if (anyTask && w.spec.task.delivery == TaskDelivery::AtMostOnce) {
        // The RECEIVE commits before the tasks run: the group is free again at once.
        m_endpoints.unlock(id);
        rd.committed = true;
        e.rollbacks = 0;
        markReady(id);
    }
    m_ctx.events.push(m_ctx.now + duration, SimEventKind::TaskDone, r, rd.gen);
}

void ActivationMonitor::readerExit(qint32 r)
{
    Reader &rd = m_readers[size_t(r)];
    SimQueue &sq = m_queues[size_t(rd.queue)];
    --sq.running;
    if (rd.waiting) {
        const auto it = std::find(sq.waiting.begin(), sq.waiting.end(), r);
        if (it != sq.waiting.end())
            sq.waiting.erase(it);
    }
    rd.alive = false;
    rd.waiting = false;
    ++rd.gen;
    m_freeReaders.push_back(r);
    // Nothing to do, or nothing allowed (a disabled queue): the monitor goes back to INACTIVE.
    if (sq.running == 0 && (sq.depth == 0 || !sq.receiveEnabled))
        sq.monitor = QueueMonitorState::Inactive;
}

void ActivationMonitor::disableQueue(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    sq.receiveEnabled = false;
    sq.enqueueEnabled = !m_ctx.scenario.settings.poisonDisablesEnqueue;
    Queue &cq = m_ctx.catalog.queues[sq.catalogIndex];
    cq.isReceiveEnabled = false;
    cq.isEnqueueEnabled = sq.enqueueEnabled;
    // Readers inside WAITFOR (RECEIVE) fail too.
    while (!sq.waiting.empty()) {
        ++m_ctx.tasksAborted;
        readerExit(sq.waiting.front());
    }
}

bool ActivationMonitor::batchRollsBack(const Reader &rd, const TaskSpec &ts, qint32 *doomed)
{
    *doomed = -1;
    if (rd.initiatorSide)
        return false;
    // The batch is one transaction: the first task whose failure rolls it back (the naive
    // procedure on any failure; the generated one when the failure dooms the transaction)
    // rolls back the whole batch, the tasks before it included.
    for (qint32 m = rd.batch.head; m >= 0; m = m_ctx.messages[m].next) {
        const SimMessage &msg = m_ctx.messages[m];
        if (msg.kind != SimMessageKind::Task || !msg.fails)
            continue;
        if (ts.delivery == TaskDelivery::RollbackOnFailure)
            return true;
        if (ts.delivery == TaskDelivery::InTransaction && !msg.doomedRetry && m_ctx.rng.chance(ts.doomedFraction)) {
            *doomed = m;
            return true;
        }
    }
    return false;
}

void ActivationMonitor::process(const Reader &rd, qint32 m)
{
    const qint32 id = rd.ep;
    const SimWorkload &w = m_ctx.workloads[size_t(rd.workload)];
    const SimMessage msg = m_ctx.messages[m]; // a copy: ending the endpoint allocates messages
    const bool epAlive = m_endpoints.valid(id, rd.epGen);
    if (msg.kind == SimMessageKind::Task && !rd.initiatorSide) {
        if (msg.fails)
            ++m_ctx.flow.failed;
        else
            ++m_ctx.flow.processed;
        --m_ctx.flow.inFlight;
        // A batch's tasks count as finished when the batch does (its COMMIT).
        m_ctx.windowLatency.add(m_ctx.now - msg.sentAt);
        m_ctx.totalLatency.add(m_ctx.now - msg.sentAt);
        if (epAlive && w.spec.pattern.kind == PatternKind::TargetEndsFirst)
            m_lifecycle.apply(id, EndpointEvent::End);
        return;
    }
    if (!epAlive)
        return;
    switch (msg.kind) {
    case SimMessageKind::EndOfStream:
    case SimMessageKind::Error: m_lifecycle.apply(id, EndpointEvent::End); break;
    case SimMessageKind::EndDialog:
        if (rd.initiatorSide || w.spec.pattern.targetEndsOnEndDialog)
            m_lifecycle.apply(id, EndpointEvent::End);
        break;
    case SimMessageKind::DialogTimer:
        // The timer-based close (PatternSpec::timerSeconds): the initiator asks the target to
        // end first with EndOfStream when the workload has one; otherwise the side ENDs.
        if (!rd.initiatorSide || w.spec.endOfStreamType.isEmpty() || !m_lifecycle.send(id, SimMessageKind::EndOfStream))
            m_lifecycle.apply(id, EndpointEvent::End);
        break;
    case SimMessageKind::Task: break;
    }
}

void ActivationMonitor::finishTask(qint32 r)
{
    Reader &rd = m_readers[size_t(r)];
    const int q = rd.queue;
    const qint32 id = rd.ep;
    const SimWorkload &w = m_ctx.workloads[size_t(rd.workload)];
    qint32 doomed = -1;
    const bool rollback = batchRollsBack(rd, w.spec.task, &doomed);
    m_batch.clear();
    for (qint32 m = rd.batch.head; m >= 0; m = m_ctx.messages[m].next)
        m_batch.push_back(m);
    rd.batch = SimMessageList{};
    if (!rollback) {
        // RETENTION: the committed RECEIVE keeps its messages (status 0) until the conversation ends.
        if (m_endpoints.valid(id, rd.epGen))
            retain(id, qint64(m_batch.size()));
        for (const qint32 m : m_batch)
            process(rd, m);
    }
    SimQueue &sq = m_queues[size_t(q)];
    const bool stillAlive = m_endpoints.valid(id, rd.epGen);
    bool poisoned = false;
    if (rollback) {
        ++m_ctx.flow.rollbacks;
        if (stillAlive) {
            SimEndpoint &e = m_endpoints[id];
            e.rollbacks = quint8(std::min(e.rollbacks + 1, 255));
            poisoned = e.rollbacks >= m_ctx.scenario.settings.poisonRollbackLimit;
            // The messages return to the head of their conversation, in order; the doomed one
            // is logged as failed by the next RECEIVE (PATTERNS.md, task delivery).
            if (doomed >= 0)
                m_ctx.messages[doomed].doomedRetry = true;
            for (auto it = m_batch.rbegin(); it != m_batch.rend(); ++it)
                m_endpoints.prependInbox(id, *it);
            sq.depth += qint64(m_batch.size());
        } else {
            for (const qint32 m : m_batch)
                m_ctx.loseMessage(m);
        }
    } else {
        for (const qint32 m : m_batch)
            m_ctx.messages.free(m);
        if (!rd.committed && stillAlive)
            m_endpoints[id].rollbacks = 0;
    }
    if (stillAlive && m_endpoints.lockedBy(id) == r) {
        m_endpoints.unlock(id);
        markReady(id);
    }
    if (poisoned && sq.poisonHandling)
        disableQueue(q);
    commit();
    if (m_readers[size_t(r)].alive)
        readerReceive(r);
}

void ActivationMonitor::retain(qint32 id, qint64 n)
{
    const SimEndpoint &e = m_endpoints[id];
    SimQueue &sq = m_queues[size_t(m_endpoints.queueOf(e))];
    // An endpoint that has already ended (another reader ended it meanwhile) keeps nothing.
    if (!sq.retention || n <= 0 || e.state() == EndpointState::DO || e.state() == EndpointState::CD)
        return;
    sq.retained += n;
    m_retained[id] += n;
}

void ActivationMonitor::dropRetained(qint32 id)
{
    const auto it = m_retained.find(id);
    if (it == m_retained.end())
        return;
    m_queues[size_t(m_endpoints.queueOf(m_endpoints[id]))].retained -= it.value();
    m_retained.erase(it);
}

void ActivationMonitor::appendTo(MonitorSample &s) const
{
    for (const SimQueue &sq : m_queues) {
        const Queue &cq = m_ctx.catalog.queues.at(sq.catalogIndex);
        QueueSample qs;
        qs.queueId = cq.objectId;
        qs.schema = cq.schema;
        qs.name = cq.name;
        qs.depth = sq.depth + sq.retained; // the rows of the queue, retained ones included (§9.1)
        qs.isReceiveEnabled = sq.receiveEnabled;
        qs.isEnqueueEnabled = sq.enqueueEnabled;
        qs.isActivationEnabled = sq.activationEnabled;
        qs.maxReaders = sq.maxReaders;
        qs.activeReaders = sq.running;
        qs.monitorState = sq.hasActivation ? sq.monitor : QueueMonitorState::None;
        qs.tasksWaiting = int(sq.waiting.size());
        if (sq.lastActivated >= 0)
            qs.lastActivatedTime = m_ctx.wallTime(sq.lastActivated);
        if (sq.lastEmpty >= 0)
            qs.lastEmptyRowsetTime = m_ctx.wallTime(sq.lastEmpty);
        s.queues.append(qs);
    }
}

qint64 ActivationMonitor::tasksRunning() const
{
    qint64 n = 0;
    for (const SimQueue &sq : m_queues)
        n += sq.running;
    return n;
}

qint64 ActivationMonitor::taskLimitReached() const
{
    qint64 n = 0;
    for (const SimQueue &sq : m_queues)
        n += sq.taskLimitReached;
    return n;
}

} // namespace bs::sim

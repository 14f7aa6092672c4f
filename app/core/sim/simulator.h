#pragma once

#include "core/monitorsample.h"
#include "core/ops/browse.h"
#include "core/ops/operation.h"
#include "core/ops/cleanupplan.h"
#include "core/sim/endpointstatemachine.h"
#include "core/sim/scenario.h"

#include <functional>
#include <memory>

namespace bs::sim {

class SimulatorPrivate;

/// Discrete-event simulator of Service Broker (SERVICE_BROKER.md §3–§7, PATTERNS.md): endpoints
/// on both sides, queues, activation, transmission queue, poison handling and the senders of a
/// Scenario. Deterministic for a seed. Not thread-safe: use one instance from one thread.
class Simulator
{
public:
    explicit Simulator(const Scenario &scenario);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    const Scenario &scenario() const;
    /// The catalog with the scripted changes applied so far (queue status, validation, ...).
    BrokerCatalog catalog() const;

    /// Simulated time since the start of the scenario.
    SimTime now() const;
    QDateTime currentTime() const;
    SimTime duration() const;
    bool isFinished() const { return now() >= duration(); }

    /// Processes every event up to and including `until` (microseconds since the start), then
    /// sets the clock to `until`. Stops early after maxEvents (< 0: no limit) and returns false.
    bool advanceTo(SimTime until, qint64 maxEvents = -1);

    /// A monitoring reading at the current simulated time. Latency percentiles cover the task
    /// messages finished since the previous call.
    MonitorSample sample();

    /// Runs to `until` (default: the scenario's duration) and hands a sample to `sink` every
    /// `interval` (default: the scenario's sample interval). The sink returns false to stop.
    void run(const std::function<bool(const MonitorSample &)> &sink, SimTime until = -1, SimTime interval = -1);

    FlowCounters flow() const;
    /// Latency of every task message finished since the start.
    LatencyStats totalLatency() const;
    /// Forgets the latencies finished so far: totalLatency() then covers what finishes from now on
    /// (a warm-up left out of the summary).
    void resetTotalLatency();
    qint64 eventsProcessed() const;
    /// Live conversation endpoints (both sides), by state.
    qint64 endpointCount(EndpointState state) const;
    qint64 endpointCount() const;
    /// Messages held in sys.transmission_queue.
    qint64 transmissionQueueSize() const;
    /// Bytes held by the simulator's growing tables (endpoints and their indexes, events,
    /// messages): what bench_sim divides by the live endpoints, without the allocator's share.
    qint64 allocatedBytes() const;

    // What a DBA sees of the run and does to it (SimBrokerOperations), with the semantics of the
    // statements of sql/ops (simoperations.cpp). Each endpoint shows a handle made of its slot and
    // generation, stable while it lives; a queue's messages are numbered in the order this
    // enumerates them (endpoint by endpoint, oldest first), which is what "queuing order" means here.

    /// Up to `rows` messages of queue `queueIndex` (catalog order) after position `after`.
    QList<QueueMessage> queueMessages(int queueIndex, qint64 after, int rows, bool *hasMore) const;
    /// The messages of the endpoint of `handle` in queue `queueIndex`, in queuing order.
    QList<QueueMessage> conversationMessages(int queueIndex, const QUuid &handle) const;
    /// The body of message `sequenceNumber` (its 0-based place among its conversation's queued
    /// messages) of the endpoint of `handle`.
    MessageBody messageBody(const QUuid &handle, qint64 sequenceNumber) const;
    /// The oldest `rows` messages waiting in the transmission queue.
    QList<TransmissionMessage> transmissionMessages(int rows) const;
    /// The endpoint of `handle` and its far side when it is alive, with their waiting messages.
    ConversationDetail conversation(const QUuid &handle) const;
    /// Live endpoints in `states` between local service `local` and far service `far` (empty: any).
    QList<QUuid> endpointHandles(const QString &local, const QString &far, const QList<EndpointState> &states,
                                 qint64 limit = -1) const;
    /// END CONVERSATION (`how`: End, EndWithError, EndWithCleanup) on the endpoint of `handle` as
    /// one transaction of its own: the far side gets EndDialog or Error, WITH CLEANUP removes the
    /// endpoint and its messages silently. False with SQL Server's text when the handle is unknown
    /// or the statement is not allowed in the endpoint's state.
    bool endConversation(const QUuid &handle, EndpointEvent how, int errorCode, QString *error);
    /// ALTER QUEUE now (status, activation, readers of `change`); false when there is no such queue.
    bool alterQueue(const ChangeSpec &change, QString *error);
    /// BEGIN DIALOG from `from` to `to` on `contract`, SEND one message of `messageType` and, with
    /// `endAfterSend`, END CONVERSATION, as one transaction; *handle is the initiator's. The
    /// simulation's dialogs are its workloads': the pair and contract must be a workload's, and the
    /// message type its task or end-of-stream type; the message then travels as the workload's do
    /// (to the target queue, or the transmission queue when it cannot be delivered), carrying
    /// `body` (what the browser then shows). False with the reason otherwise.
    bool sendMessage(const QString &from, const QString &to, const QString &contract, const QString &messageType,
                     const QByteArray &body, bool endAfterSend, QUuid *handle, QString *error);
    /// The first queued message of the conversation in queue `queueIndex` whose RECEIVE was rolled
    /// back most often in a row (the one poison-message handling counted); found false when none.
    PoisonCandidate poisonCandidate(int queueIndex) const;
    /// ALTER DATABASE SET ENABLE_BROKER / DISABLE_BROKER / NEW_BROKER / ERROR_BROKER_CONVERSATIONS:
    /// delivery on or off; NEW_BROKER removes every endpoint and message silently (as WITH
    /// CLEANUP) and enables delivery; ERROR_BROKER_CONVERSATIONS ends every endpoint with an error
    /// (each side gets an Error message) and enables delivery. Returns the endpoints it ended.
    qint64 setBrokerOption(BrokerSwitch option);

    /// The dry run of a guided leak cleanup (simcleanup.cpp), as sql/ops/cleanup_count.sql counts:
    /// the endpoints of the plan's pair in its states, by state and by what the cleanup does.
    CleanupCounts cleanupCount(const CleanupPlan &plan) const;
    /// One batch, as sql/ops/cleanup_batch.sql runs it: the next ≤ plan.batchSize matching endpoints
    /// after `after` (null: from the start) in handle order, ended in one transaction (WITH CLEANUP
    /// for CD with the stamp never set, END for DI/DO; an END the state refuses is counted as failed).
    CleanupBatchResult cleanupBatch(const CleanupPlan &plan, const QUuid &after);

private:
    std::optional<CleanupAction> cleanupActionFor(qint32 id, const CleanupPlan &plan, CleanupState *state) const;

    std::unique_ptr<SimulatorPrivate> d;
};

} // namespace bs::sim

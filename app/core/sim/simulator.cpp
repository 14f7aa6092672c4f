// The simulator's engine. One file because the endpoint, queue and reader handling share the
// same private state and are easier to check against SERVICE_BROKER.md read side by side.
#include "core/sim/simulator.h"

#include "core/sim/endpointstatemachine.h"
#include "core/sim/latencyhistogram.h"
#include "core/sim/simeventqueue.h"
#include "core/sim/simrandom.h"

#include <QHash>

#include <array>
#include <cmath>
#include <deque>
#include <vector>

namespace bs::sim {

namespace {

enum class MsgKind : quint8 { Task, EndOfStream, EndDialog, Error };

// A message in a queue or in the transmission queue. Pooled: no allocation per message.
struct Msg
{
    SimTime sentAt = 0;
    qint32 next = -1;
    qint32 errorCode = 0;
    MsgKind kind = MsgKind::Task;
    bool poison = false;
    bool doomedRetry = false;
};

struct MsgList
{
    qint32 head = -1;
    qint32 tail = -1;
    qint32 count = 0;
};

// Why a message waits in sys.transmission_queue.
enum class TxReason : quint8 { None, BrokerDisabled, QueueDisabled, ServiceNotFound };

QString txReasonText(TxReason reason)
{
    // [U] Paraphrases of the transmission_status texts; the real wording is not documented.
    // A disabled broker leaves the status empty ("not tried yet", §1).
    switch (reason) {
    case TxReason::QueueDisabled:
        return QStringLiteral("One or more messages could not be delivered to the local service targeted by this dialog. The target queue is disabled.");
    case TxReason::ServiceNotFound:
        return QStringLiteral("The target service name could not be found. Ensure that the service name is specified correctly and/or the routing information has been supplied.");
    default:
        return QString();
    }
}

struct Endpoint
{
    SimTime lifetimeEnd = 0;
    SimTime txSince = 0;
    qint64 deliveredTxn = -1; // initiator: the event in which its first message was delivered
    MsgList inbox;            // messages in its own queue
    MsgList outbox;           // messages held in the transmission queue
    qint32 far = -1;
    quint32 farGen = 0;
    quint32 gen = 0;
    qint32 workload = -1;
    qint32 queue = -1;
    qint32 group = -1;
    qint32 lockedBy = -1; // reader holding the conversation group lock
    EndpointState state = EndpointState::SO;
    TxReason txReason = TxReason::None;
    quint8 txAttempt = 0;
    bool initiator = false;
    bool alive = false;
    bool inReady = false;
    bool farCreated = false;
    bool stampAllowed = false; // the initiator showed it saw the acknowledgement of message 0
    bool stampSet = false;
    bool expiredCounted = false;
    bool neverExpiring = false;
    bool inTxList = false;
    quint8 rollbacks = 0; // consecutive rollbacks of RECEIVEs on this conversation
};

struct Group
{
    QString localService;
    QString farService;
    bool initiator = false;
    std::array<qint64, EndpointStateCount> count{};
    std::array<qint64, EndpointStateCount> neverExpiring{};
    qint64 closedUnset = 0;
};

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
    qint64 depth = 0;
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

struct Reader
{
    qint32 queue = -1;
    qint32 ep = -1;
    quint32 epGen = 0;
    qint32 msg = -1;
    qint32 workload = -1;
    quint32 gen = 0;
    bool alive = false;
    bool waiting = false;
    bool committed = false;
    bool fails = false;
    bool initiatorSide = false;
};

struct SimService
{
    QString name;
    int queue = -1;
    QList<int> contracts;
    bool dropped = false;
};

struct Slot
{
    qint32 ep = -1;
    quint32 gen = 0;
    SimTime openedAt = 0;
    qint64 sent = 0;
};

struct Work
{
    WorkloadSpec spec;
    int from = -1;
    int to = -1;
    int contractId = 0;
    int taskTypeId = 0;
    int eosTypeId = 0;
    int taskError = 0; // broker error a task message gets at the target (0 = accepted)
    int eosError = 0;
    SimTime lifetime = 0;
    SimTime stopAt = -1;
    qint64 sentIndex = 0;
    std::vector<Slot> pool;
    size_t roundRobin = 0;
    double nextExact = 0.0;
    qint64 batchRemaining = 0;
    qint64 batchNumber = 0;
};

struct Pending
{
    qint32 ep;
    quint32 gen;
    qint32 msg;
    qint32 far;
    quint32 farGen;
    qint64 deliveredTxn;
    bool initiator;
};

SimTime toTime(double seconds)
{
    return SimTime(std::llround(seconds * double(Second)));
}

} // namespace

class SimulatorPrivate
{
public:
    explicit SimulatorPrivate(const Scenario &s);

    // event loop
    bool advanceTo(SimTime until, qint64 maxEvents);
    void handle(const SimEvent &ev);
    void flush();
    MonitorSample sample();

    // messages
    qint32 allocMsg(MsgKind kind, SimTime sentAt, bool poison = false, qint32 code = 0);
    void freeMsg(qint32 m);
    void append(MsgList &l, qint32 m);
    void prepend(MsgList &l, qint32 m);
    qint32 popFront(MsgList &l);
    void loseMessage(qint32 m); // a task message that will never be processed

    // endpoints
    qint32 newEndpoint(int workload, bool initiator, EndpointState state, SimTime lifetimeEnd);
    void setState(qint32 id, EndpointState s);
    void freeEndpoint(qint32 id);
    void purgeInbox(qint32 id);
    void purgeOutbox(qint32 id);
    void applyEvent(qint32 id, EndpointEvent ev, qint32 errorCode = 0);
    bool valid(qint32 id, quint32 gen) const { return id >= 0 && m_eps[size_t(id)].alive && m_eps[size_t(id)].gen == gen; }
    void scheduleExpiry(qint32 id);
    int groupFor(int localService, int farService, bool initiator);

    // transport
    void queueTransmit(qint32 id, qint32 msg);
    void transmitNow(qint32 id, qint32 msg);
    TxReason blockReason(const Endpoint &e) const;
    void deliver(qint32 fromId, qint32 msg);
    void arrive(qint32 id, qint32 msg);
    void markReady(qint32 id);
    void touch(int q);

    // activation and readers
    void poke(int q);
    qint32 peekReady(int q);
    void startReader(int q);
    void readerReceive(qint32 r);
    void readerExit(qint32 r);
    void taskDone(qint32 r);
    void disableQueue(int q);
    SimTime taskDuration(const Work &w);

    // senders
    void senderFire(int wi);
    void sendOne(Work &w, int wi);
    qint32 beginDialog(int wi);
    void send(qint32 id, MsgKind kind, bool poison);
    void scheduleNextBatch(Work &w, int wi);
    void computeValidation(Work &w);
    void applyChange(const ChangeSpec &c);

    Scenario m_scenario;
    BrokerCatalog m_catalog;
    SimRandom m_rng;
    SimEventQueue m_events;
    SimTime m_now = 0;
    SimTime m_duration = 0;
    SimTime m_monitorInterval = 0;
    SimTime m_waitfor = 0;
    SimTime m_systemMessage = 0;
    SimTime m_securityTimestamp = 0;
    SimTime m_closedExtra = 0;
    qint64 m_eventSerial = 0;
    qint64 m_eventsProcessed = 0;
    bool m_brokerEnabled = true;

    std::vector<Endpoint> m_eps;
    std::vector<qint32> m_freeEps;
    std::vector<Msg> m_msgs;
    qint32 m_freeMsg = -1;
    std::vector<Reader> m_readers;
    std::vector<qint32> m_freeReaders;
    std::vector<SimQueue> m_queues;
    std::vector<SimService> m_services;
    std::vector<Work> m_works;
    std::vector<Group> m_groups;
    QHash<quint64, int> m_groupIndex;
    QHash<int, int> m_queueIndex; // catalog object_id -> m_queues
    std::vector<std::pair<qint32, quint32>> m_parked;
    std::vector<qint32> m_txList;
    std::vector<Pending> m_pending;
    std::vector<int> m_touched;

    FlowCounters m_flow;
    LatencyHistogram m_windowLatency;
    LatencyHistogram m_totalLatency;
    std::array<qint64, EndpointStateCount> m_stateTotal{};
    qint64 m_txCount = 0;
    qint64 m_enqueuedTotal = 0;
    qint64 m_sendsTotal = 0;
    qint64 m_receivesTotal = 0;
    qint64 m_tasksStarted = 0;
};

SimulatorPrivate::SimulatorPrivate(const Scenario &s)
    : m_scenario(s)
    , m_catalog(s.catalog)
    , m_rng(s.seed)
{
    m_duration = toTime(s.durationSeconds);
    m_monitorInterval = std::max<SimTime>(1, toTime(s.settings.monitorIntervalSeconds));
    m_waitfor = std::max<SimTime>(1, toTime(s.settings.waitforTimeoutSeconds));
    m_systemMessage = toTime(s.settings.systemMessageSeconds);
    m_securityTimestamp = toTime(s.settings.securityTimestampSeconds);
    m_closedExtra = toTime(s.settings.closedExtraRetentionSeconds);
    m_brokerEnabled = s.catalog.database.isBrokerEnabled;

    for (int i = 0; i < m_catalog.queues.size(); ++i) {
        const Queue &q = m_catalog.queues.at(i);
        SimQueue sq;
        sq.catalogIndex = i;
        sq.receiveEnabled = q.isReceiveEnabled;
        sq.enqueueEnabled = q.isEnqueueEnabled;
        sq.hasActivation = q.hasActivation();
        sq.activationEnabled = q.isActivationEnabled && sq.hasActivation;
        sq.poisonHandling = q.isPoisonMessageHandlingEnabled;
        sq.maxReaders = q.maxReaders;
        m_queueIndex.insert(q.objectId, int(m_queues.size()));
        m_queues.push_back(std::move(sq));
    }
    for (const Service &svc : m_catalog.services) {
        SimService ss;
        ss.name = svc.name;
        ss.queue = m_queueIndex.value(svc.queueId, -1);
        ss.contracts = svc.contractIds;
        m_services.push_back(ss);
    }
    auto serviceIndex = [&](const QString &name) {
        for (size_t i = 0; i < m_services.size(); ++i) {
            if (m_services[i].name == name)
                return int(i);
        }
        return -1;
    };
    auto typeId = [&](const QString &name) {
        for (const MessageType &m : m_catalog.messageTypes) {
            if (m.name == name)
                return m.id;
        }
        return 0;
    };
    for (const WorkloadSpec &spec : s.workloads) {
        Work w;
        w.spec = spec;
        w.from = serviceIndex(spec.fromService);
        w.to = serviceIndex(spec.toService);
        const Contract *ct = m_catalog.contractByName(spec.contract);
        w.contractId = ct ? ct->id : 0;
        w.taskTypeId = typeId(spec.messageType);
        w.eosTypeId = typeId(spec.endOfStreamType);
        // A workload the topology cannot carry (built in code without checks) does nothing.
        if (w.from < 0 || w.to < 0 || m_services[size_t(w.from)].queue < 0 || m_services[size_t(w.to)].queue < 0)
            w.spec.rate.perSecond = 0, w.spec.rate.batchCount = 0;
        w.lifetime = toTime(std::clamp(spec.pattern.lifetimeSeconds, 1e-3, double(DefaultLifetimeSeconds)));
        w.stopAt = spec.stopSeconds >= 0 ? toTime(spec.stopSeconds) : -1;
        if (spec.pattern.kind == PatternKind::KeepFiring)
            w.pool.resize(size_t(std::clamp(spec.pattern.pool, 1, MaxQueueReadersLimit)));
        computeValidation(w);
        m_works.push_back(std::move(w));
    }
    for (int wi = 0; wi < int(m_works.size()); ++wi) {
        Work &w = m_works[size_t(wi)];
        const SimTime start = toTime(w.spec.startSeconds);
        switch (w.spec.rate.kind) {
        case RateKind::Constant:
            if (w.spec.rate.perSecond > 0) {
                w.nextExact = w.spec.startSeconds;
                m_events.push(start, SimEventKind::SenderFire, wi);
            }
            break;
        case RateKind::Poisson:
            if (w.spec.rate.perSecond > 0)
                m_events.push(start + toTime(m_rng.exponential(1.0 / w.spec.rate.perSecond)), SimEventKind::SenderFire, wi);
            break;
        case RateKind::Batch:
            if (w.spec.rate.batchCount > 0)
                m_events.push(start + toTime(w.spec.rate.batchAtSeconds), SimEventKind::SenderFire, wi);
            break;
        }
    }
    for (int q = 0; q < int(m_queues.size()); ++q) {
        if (m_queues[size_t(q)].hasActivation)
            m_events.push(m_monitorInterval, SimEventKind::MonitorCheck, q);
    }
    for (int i = 0; i < s.changes.size(); ++i)
        m_events.push(toTime(s.changes.at(i).atSeconds), SimEventKind::Change, i);
    m_events.push(ExpiryHorizon, SimEventKind::Sweep, 0);
}

// ---- messages ----

qint32 SimulatorPrivate::allocMsg(MsgKind kind, SimTime sentAt, bool poison, qint32 code)
{
    qint32 m = m_freeMsg;
    if (m >= 0) {
        m_freeMsg = m_msgs[size_t(m)].next;
    } else {
        m = qint32(m_msgs.size());
        m_msgs.emplace_back();
    }
    Msg &msg = m_msgs[size_t(m)];
    msg = Msg{sentAt, -1, code, kind, poison, false};
    return m;
}

void SimulatorPrivate::freeMsg(qint32 m)
{
    m_msgs[size_t(m)].next = m_freeMsg;
    m_freeMsg = m;
}

void SimulatorPrivate::append(MsgList &l, qint32 m)
{
    m_msgs[size_t(m)].next = -1;
    if (l.tail >= 0)
        m_msgs[size_t(l.tail)].next = m;
    else
        l.head = m;
    l.tail = m;
    ++l.count;
}

void SimulatorPrivate::prepend(MsgList &l, qint32 m)
{
    m_msgs[size_t(m)].next = l.head;
    l.head = m;
    if (l.tail < 0)
        l.tail = m;
    ++l.count;
}

qint32 SimulatorPrivate::popFront(MsgList &l)
{
    const qint32 m = l.head;
    if (m < 0)
        return -1;
    l.head = m_msgs[size_t(m)].next;
    if (l.head < 0)
        l.tail = -1;
    --l.count;
    return m;
}

void SimulatorPrivate::loseMessage(qint32 m)
{
    if (m_msgs[size_t(m)].kind == MsgKind::Task) {
        ++m_flow.lost;
        --m_flow.inFlight;
    }
    freeMsg(m);
}

// ---- endpoints ----

int SimulatorPrivate::groupFor(int localService, int farService, bool initiator)
{
    const quint64 key = (quint64(quint32(localService)) << 33) | (quint64(quint32(farService)) << 1) | (initiator ? 1 : 0);
    const auto it = m_groupIndex.constFind(key);
    if (it != m_groupIndex.constEnd())
        return it.value();
    Group g;
    g.localService = m_services[size_t(localService)].name;
    g.farService = m_services[size_t(farService)].name;
    g.initiator = initiator;
    m_groups.push_back(g);
    m_groupIndex.insert(key, int(m_groups.size()) - 1);
    return int(m_groups.size()) - 1;
}

qint32 SimulatorPrivate::newEndpoint(int wi, bool initiator, EndpointState state, SimTime lifetimeEnd)
{
    qint32 id;
    if (!m_freeEps.empty()) {
        id = m_freeEps.back();
        m_freeEps.pop_back();
    } else {
        id = qint32(m_eps.size());
        m_eps.emplace_back();
    }
    Endpoint &e = m_eps[size_t(id)];
    const quint32 gen = e.gen;
    e = Endpoint{};
    e.gen = gen;
    e.alive = true;
    e.workload = wi;
    e.initiator = initiator;
    e.state = state;
    e.lifetimeEnd = lifetimeEnd;
    e.neverExpiring = lifetimeEnd - m_now > NeverExpiringThreshold;
    const Work &w = m_works[size_t(wi)];
    const int local = initiator ? w.from : w.to;
    const int far = initiator ? w.to : w.from;
    e.queue = m_services[size_t(local)].queue;
    e.group = groupFor(local, far, initiator);
    Group &g = m_groups[size_t(e.group)];
    ++g.count[size_t(state)];
    if (e.neverExpiring)
        ++g.neverExpiring[size_t(state)];
    ++m_stateTotal[size_t(state)];
    scheduleExpiry(id);
    return id;
}

void SimulatorPrivate::setState(qint32 id, EndpointState s)
{
    Endpoint &e = m_eps[size_t(id)];
    if (e.state == s)
        return;
    Group &g = m_groups[size_t(e.group)];
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
}

void SimulatorPrivate::purgeInbox(qint32 id)
{
    Endpoint &e = m_eps[size_t(id)];
    SimQueue &q = m_queues[size_t(e.queue)];
    for (qint32 m = popFront(e.inbox); m >= 0; m = popFront(e.inbox)) {
        --q.depth;
        loseMessage(m);
    }
}

void SimulatorPrivate::purgeOutbox(qint32 id)
{
    Endpoint &e = m_eps[size_t(id)];
    for (qint32 m = popFront(e.outbox); m >= 0; m = popFront(e.outbox)) {
        --m_txCount;
        loseMessage(m);
    }
}

void SimulatorPrivate::freeEndpoint(qint32 id)
{
    purgeInbox(id);
    purgeOutbox(id);
    Endpoint &e = m_eps[size_t(id)];
    Group &g = m_groups[size_t(e.group)];
    --g.count[size_t(e.state)];
    if (e.neverExpiring)
        --g.neverExpiring[size_t(e.state)];
    if (e.state == EndpointState::CD && !e.stampSet)
        --g.closedUnset;
    --m_stateTotal[size_t(e.state)];
    e.alive = false;
    ++e.gen;
    m_freeEps.push_back(id);
}

void SimulatorPrivate::scheduleExpiry(qint32 id)
{
    const Endpoint &e = m_eps[size_t(id)];
    if (e.lifetimeEnd - m_now <= ExpiryHorizon)
        m_events.push(e.lifetimeEnd, SimEventKind::Expiry, id, e.gen);
    else
        m_parked.emplace_back(id, e.gen);
}

void SimulatorPrivate::applyEvent(qint32 id, EndpointEvent ev, qint32 errorCode)
{
    Endpoint &e = m_eps[size_t(id)];
    const EndpointTransition t = EndpointStateMachine::apply(e.state, e.initiator, ev);
    if (t.dropsMessage)
        ++m_flow.dropped;
    if (t.fails || t.ignored)
        return;
    if (t.removesOwnMessages)
        purgeInbox(id);
    if (t.sendsError) {
        // END WITH ERROR drops what is still waiting to be sent (R-RESEND).
        purgeOutbox(id);
        queueTransmit(id, allocMsg(MsgKind::Error, m_now, false, errorCode));
    }
    if (t.sendsEndDialog)
        queueTransmit(id, allocMsg(MsgKind::EndDialog, m_now));
    if (t.queuesLocalError) {
        // Error is delivered ahead of the dialog's other messages (§7).
        prepend(e.inbox, allocMsg(MsgKind::Error, m_now, false, errorCode));
        ++m_queues[size_t(e.queue)].depth;
        markReady(id);
    }
    if (t.deleted) {
        freeEndpoint(id);
        return;
    }
    if (t.state == EndpointState::CD && e.state != EndpointState::CD) {
        if (e.stampAllowed) {
            // The security timestamp is set: replay protection keeps the endpoint 30 min.
            e.stampSet = true;
            m_events.push(m_now + m_securityTimestamp, SimEventKind::Retention, id, e.gen);
        } else if (e.lifetimeEnd <= m_now && m_closedExtra == 0) {
            // Fire-and-forget: kept until its lifetime, which has already passed.
            freeEndpoint(id);
            return;
        }
    }
    setState(id, t.state);
}

// ---- transport ----

void SimulatorPrivate::queueTransmit(qint32 id, qint32 msg)
{
    // Messages leave at commit, that is when the current event (one transaction) ends.
    const Endpoint &e = m_eps[size_t(id)];
    m_pending.push_back(Pending{id, e.gen, msg, e.far, e.farGen, e.deliveredTxn, e.initiator});
}

TxReason SimulatorPrivate::blockReason(const Endpoint &e) const
{
    if (!m_brokerEnabled)
        return TxReason::BrokerDisabled;
    const Work &w = m_works[size_t(e.workload)];
    const SimService &svc = m_services[size_t(e.initiator ? w.to : w.from)];
    if (svc.dropped)
        return TxReason::ServiceNotFound;
    if (!m_queues[size_t(svc.queue)].enqueueEnabled)
        return TxReason::QueueDisabled;
    return TxReason::None;
}

void SimulatorPrivate::transmitNow(qint32 id, qint32 msg)
{
    Endpoint &e = m_eps[size_t(id)];
    if (e.outbox.count > 0) {
        append(e.outbox, msg); // keep the dialog's order behind what already waits
        ++m_txCount;
        return;
    }
    const TxReason reason = blockReason(e);
    if (reason != TxReason::None) {
        append(e.outbox, msg);
        ++m_txCount;
        e.txSince = m_msgs[size_t(msg)].sentAt;
        e.txReason = reason;
        e.txAttempt = 0;
        if (!e.inTxList) {
            e.inTxList = true;
            m_txList.push_back(id);
        }
        m_events.push(m_now + TransmissionRetryFirstSeconds * Second, SimEventKind::TransmitRetry, id, e.gen);
        return;
    }
    deliver(id, msg);
}

void SimulatorPrivate::computeValidation(Work &w)
{
    // The checks the target broker makes on arrival (§7 codes): contract on the service, type
    // in the contract, SENT BY direction, body validation.
    auto check = [&](int typeId, BodyKind body) {
        if (w.to < 0 || !m_services[size_t(w.to)].contracts.contains(w.contractId))
            return ErrorTargetDoesNotSupportContract;
        const Contract *ct = m_catalog.contract(w.contractId);
        const MessageType *mt = m_catalog.messageType(typeId);
        if (!ct || !mt)
            return ErrorTypeNotInContract;
        const auto u = std::find_if(ct->usages.begin(), ct->usages.end(), [&](const MessageUsage &x) { return x.messageTypeId == typeId; });
        if (u == ct->usages.end())
            return ErrorTypeNotInContract;
        if (!u->sentByInitiator)
            return ErrorWrongSentBy;
        if (mt->validation == QLatin1String("X") && body != BodyKind::Xml)
            return ErrorValidationFailed;
        if (mt->validation == QLatin1String("E") && body != BodyKind::Empty)
            return ErrorValidationFailed;
        return 0;
    };
    w.taskError = check(w.taskTypeId, w.spec.body);
    w.eosError = w.eosTypeId ? check(w.eosTypeId, BodyKind::Empty) : 0;
}

void SimulatorPrivate::deliver(qint32 fromId, qint32 msg)
{
    Endpoint &from = m_eps[size_t(fromId)];
    Work &w = m_works[size_t(from.workload)];
    const MsgKind kind = m_msgs[size_t(msg)].kind;
    const bool userMessage = kind == MsgKind::Task || kind == MsgKind::EndOfStream;
    if (from.initiator && userMessage) {
        const int code = kind == MsgKind::Task ? w.taskError : w.eosError;
        if (code != 0) {
            // Rejected by the target broker: the message is gone and an Error comes back
            // (seed 001). [U] An existing target endpoint is left as it is.
            loseMessage(msg);
            const qint32 err = allocMsg(MsgKind::Error, m_now, false, code);
            arrive(fromId, err);
            return;
        }
    }
    qint32 farId = -1;
    if (from.far >= 0 && valid(from.far, from.farGen)) {
        farId = from.far;
    } else if (from.initiator && !from.farCreated && userMessage) {
        // A complete first message creates the target endpoint in CO (§3), in its own group.
        farId = newEndpoint(from.workload, false, EndpointState::CO, from.lifetimeEnd);
        Endpoint &t = m_eps[size_t(farId)];
        Endpoint &f = m_eps[size_t(fromId)];
        t.far = fromId;
        t.farGen = f.gen;
        t.farCreated = true;
        f.far = farId;
        f.farGen = t.gen;
        f.farCreated = true;
    }
    if (farId < 0) {
        loseMessage(msg);
        return;
    }
    Endpoint &f = m_eps[size_t(fromId)];
    if (f.initiator) {
        if (f.deliveredTxn < 0)
            f.deliveredTxn = m_eventSerial;
        else if (f.deliveredTxn < m_eventSerial)
            m_eps[size_t(farId)].stampAllowed = true;
    }
    arrive(farId, msg);
}

void SimulatorPrivate::arrive(qint32 id, qint32 msg)
{
    Endpoint &e = m_eps[size_t(id)];
    const MsgKind kind = m_msgs[size_t(msg)].kind;
    switch (kind) {
    case MsgKind::Task:
    case MsgKind::EndOfStream:
        if (e.state == EndpointState::CO || e.state == EndpointState::SI) {
            append(e.inbox, msg);
            ++m_queues[size_t(e.queue)].depth;
            ++m_enqueuedTotal;
            markReady(id);
        } else {
            loseMessage(msg); // the endpoint ended or is in error: nothing can be enqueued
        }
        return;
    case MsgKind::EndDialog:
        if (e.state == EndpointState::CO || e.state == EndpointState::SI) {
            applyEvent(id, EndpointEvent::EndDialogArrives);
            // The application receives EndDialog like any message, in order.
            append(m_eps[size_t(id)].inbox, msg);
            ++m_queues[size_t(e.queue)].depth;
            ++m_enqueuedTotal;
            markReady(id);
        } else {
            applyEvent(id, EndpointEvent::EndDialogArrives);
            freeMsg(msg);
        }
        return;
    case MsgKind::Error:
        applyEvent(id, EndpointEvent::ErrorArrives, m_msgs[size_t(msg)].errorCode);
        freeMsg(msg);
        return;
    }
}

void SimulatorPrivate::touch(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    if (!sq.touched) {
        sq.touched = true;
        m_touched.push_back(q);
    }
}

void SimulatorPrivate::markReady(qint32 id)
{
    Endpoint &e = m_eps[size_t(id)];
    if (!e.inReady && e.lockedBy < 0 && e.inbox.count > 0) {
        m_queues[size_t(e.queue)].ready.emplace_back(id, e.gen);
        e.inReady = true;
    }
    touch(e.queue);
}

void SimulatorPrivate::flush()
{
    for (size_t i = 0; i < m_pending.size(); ++i) {
        const Pending p = m_pending[i];
        if (valid(p.ep, p.gen)) {
            transmitNow(p.ep, p.msg);
        } else if (m_msgs[size_t(p.msg)].kind == MsgKind::EndDialog && valid(p.far, p.farGen)) {
            // The endpoint closed and was deleted in this transaction (END while DI): its
            // acknowledgement still reaches the far side, which can now close.
            if (p.initiator && p.deliveredTxn >= 0 && p.deliveredTxn < m_eventSerial)
                m_eps[size_t(p.far)].stampAllowed = true;
            arrive(p.far, p.msg);
        } else {
            loseMessage(p.msg);
        }
    }
    m_pending.clear();
    for (size_t i = 0; i < m_touched.size(); ++i) {
        const int q = m_touched[i];
        m_queues[size_t(q)].touched = false;
        poke(q);
    }
    m_touched.clear();
}

// ---- activation and readers ----

qint32 SimulatorPrivate::peekReady(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    while (!sq.ready.empty()) {
        const auto [id, gen] = sq.ready.front();
        const Endpoint &e = m_eps[size_t(id)];
        if (e.alive && e.gen == gen && e.lockedBy < 0 && e.inbox.count > 0)
            return id;
        sq.ready.pop_front();
        if (e.gen == gen)
            m_eps[size_t(id)].inReady = false;
    }
    return -1;
}

void SimulatorPrivate::poke(int q)
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

void SimulatorPrivate::startReader(int q)
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
    ++m_tasksStarted;
    sq.monitor = QueueMonitorState::Notified;
    sq.lastActivated = m_now;
    readerReceive(r);
}

SimTime SimulatorPrivate::taskDuration(const Work &w)
{
    const TaskSpec &t = w.spec.task;
    switch (t.distribution) {
    case TaskDistribution::Fixed: return toTime(t.meanSeconds);
    case TaskDistribution::Exponential: return toTime(m_rng.exponential(t.meanSeconds));
    case TaskDistribution::LogNormal: return toTime(m_rng.logNormal(t.meanSeconds, t.sigma));
    }
    return 0;
}

void SimulatorPrivate::readerReceive(qint32 r)
{
    Reader &rd = m_readers[size_t(r)];
    SimQueue &sq = m_queues[size_t(rd.queue)];
    if (!sq.receiveEnabled) {
        readerExit(r); // RECEIVE fails on a disabled queue; the procedure ends
        return;
    }
    const qint32 id = peekReady(rd.queue);
    if (id < 0) {
        // WAITFOR (RECEIVE ...), TIMEOUT: wait for a group to become free or the timeout.
        rd.waiting = true;
        sq.waiting.push_back(r);
        m_events.push(m_now + m_waitfor, SimEventKind::ReaderTimeout, r, rd.gen);
        return;
    }
    sq.ready.pop_front();
    Endpoint &e = m_eps[size_t(id)];
    e.inReady = false;
    e.lockedBy = r;
    const qint32 m = popFront(e.inbox);
    --sq.depth;
    ++m_receivesTotal;
    rd.ep = id;
    rd.epGen = e.gen;
    rd.msg = m;
    rd.workload = e.workload;
    rd.initiatorSide = e.initiator;
    rd.committed = false;
    rd.fails = false;
    sq.monitor = QueueMonitorState::ReceivesOccurring;
    SimTime duration = m_systemMessage;
    Msg &msg = m_msgs[size_t(m)];
    if (msg.kind == MsgKind::Task && !e.initiator) {
        const Work &w = m_works[size_t(e.workload)];
        ++m_flow.received;
        if (msg.doomedRetry) {
            rd.fails = true; // the second transaction only logs the failure
        } else {
            rd.fails = msg.poison || m_rng.chance(w.spec.task.failureProbability);
            duration = taskDuration(w);
        }
        if (w.spec.task.delivery == TaskDelivery::AtMostOnce) {
            // The RECEIVE commits before the task runs: the group is free again at once.
            e.lockedBy = -1;
            rd.committed = true;
            e.rollbacks = 0;
            markReady(id);
        }
    }
    m_events.push(m_now + duration, SimEventKind::TaskDone, r, rd.gen);
}

void SimulatorPrivate::readerExit(qint32 r)
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

void SimulatorPrivate::disableQueue(int q)
{
    SimQueue &sq = m_queues[size_t(q)];
    sq.receiveEnabled = false;
    sq.enqueueEnabled = !m_scenario.settings.poisonDisablesEnqueue;
    Queue &cq = m_catalog.queues[sq.catalogIndex];
    cq.isReceiveEnabled = false;
    cq.isEnqueueEnabled = sq.enqueueEnabled;
    // Readers inside WAITFOR (RECEIVE) fail too.
    while (!sq.waiting.empty())
        readerExit(sq.waiting.front());
}

void SimulatorPrivate::taskDone(qint32 r)
{
    Reader &rd = m_readers[size_t(r)];
    const int q = rd.queue;
    const qint32 id = rd.ep;
    const bool epAlive = valid(id, rd.epGen);
    const Work &w = m_works[size_t(rd.workload)];
    const Msg msg = m_msgs[size_t(rd.msg)];
    bool rollback = false;
    if (msg.kind == MsgKind::Task && !rd.initiatorSide) {
        const TaskSpec &ts = w.spec.task;
        if (rd.fails && ts.delivery == TaskDelivery::RollbackOnFailure)
            rollback = true;
        else if (rd.fails && ts.delivery == TaskDelivery::InTransaction && !msg.doomedRetry && m_rng.chance(ts.doomedFraction))
            rollback = true;
        if (!rollback) {
            if (rd.fails)
                ++m_flow.failed;
            else
                ++m_flow.processed;
            --m_flow.inFlight;
            m_windowLatency.add(m_now - msg.sentAt);
            m_totalLatency.add(m_now - msg.sentAt);
            if (epAlive && w.spec.pattern.kind == PatternKind::TargetEndsFirst)
                applyEvent(id, EndpointEvent::End);
        }
    } else if (epAlive) {
        switch (msg.kind) {
        case MsgKind::EndOfStream:
        case MsgKind::Error: applyEvent(id, EndpointEvent::End); break;
        case MsgKind::EndDialog:
            if (rd.initiatorSide || w.spec.pattern.targetEndsOnEndDialog)
                applyEvent(id, EndpointEvent::End);
            break;
        case MsgKind::Task: break;
        }
    }
    SimQueue &sq = m_queues[size_t(q)];
    const bool stillAlive = valid(id, rd.epGen);
    bool poisoned = false;
    if (rollback) {
        ++m_flow.rollbacks;
        if (stillAlive) {
            Endpoint &e = m_eps[size_t(id)];
            e.rollbacks = quint8(std::min(e.rollbacks + 1, 255));
            poisoned = e.rollbacks >= m_scenario.settings.poisonRollbackLimit;
            // The message returns to the head of its conversation; the group stays in order.
            m_msgs[size_t(rd.msg)].doomedRetry = w.spec.task.delivery == TaskDelivery::InTransaction;
            prepend(m_eps[size_t(id)].inbox, rd.msg);
            ++sq.depth;
        } else {
            loseMessage(rd.msg);
        }
    } else {
        freeMsg(rd.msg);
        if (!rd.committed && stillAlive)
            m_eps[size_t(id)].rollbacks = 0;
    }
    rd.msg = -1;
    if (stillAlive && m_eps[size_t(id)].lockedBy == r) {
        m_eps[size_t(id)].lockedBy = -1;
        markReady(id);
    }
    if (poisoned && sq.poisonHandling)
        disableQueue(q);
    flush();
    if (m_readers[size_t(r)].alive)
        readerReceive(r);
}

// ---- senders ----

qint32 SimulatorPrivate::beginDialog(int wi)
{
    return newEndpoint(wi, true, EndpointState::SO, m_now + m_works[size_t(wi)].lifetime);
}

void SimulatorPrivate::send(qint32 id, MsgKind kind, bool poison)
{
    Endpoint &e = m_eps[size_t(id)];
    const EndpointTransition t = EndpointStateMachine::apply(e.state, e.initiator, EndpointEvent::Send);
    if (t.fails) {
        if (kind == MsgKind::Task) {
            ++m_flow.lost;
            --m_flow.inFlight;
        }
        return;
    }
    setState(id, t.state);
    ++m_sendsTotal;
    queueTransmit(id, allocMsg(kind, m_now, poison));
}

void SimulatorPrivate::sendOne(Work &w, int wi)
{
    ++w.sentIndex;
    const bool poison = w.spec.task.poisonMessage == w.sentIndex;
    ++m_flow.sent;
    ++m_flow.inFlight;
    switch (w.spec.pattern.kind) {
    case PatternKind::Naive:
    case PatternKind::Windowed: {
        // BEGIN DIALOG, SEND, END CONVERSATION in one transaction.
        const qint32 id = beginDialog(wi);
        send(id, MsgKind::Task, poison);
        applyEvent(id, EndpointEvent::End);
        break;
    }
    case PatternKind::TargetEndsFirst:
        send(beginDialog(wi), MsgKind::Task, poison);
        break;
    case PatternKind::KeepFiring: {
        Slot &s = w.pool[w.roundRobin++ % w.pool.size()];
        bool usable = valid(s.ep, s.gen)
            && (m_eps[size_t(s.ep)].state == EndpointState::SO || m_eps[size_t(s.ep)].state == EndpointState::CO);
        const PatternSpec &p = w.spec.pattern;
        if (usable && ((p.recycleMessages > 0 && s.sent >= p.recycleMessages)
                       || (p.recycleSeconds > 0 && m_now - s.openedAt >= toTime(p.recycleSeconds)))) {
            // Recycle: EndOfStream on the old dialog; the target ends it first (R-RECYCLE).
            send(s.ep, MsgKind::EndOfStream, false);
            usable = false;
        }
        if (!usable) {
            s.ep = beginDialog(wi);
            s.gen = m_eps[size_t(s.ep)].gen;
            s.openedAt = m_now;
            s.sent = 0;
        }
        send(s.ep, MsgKind::Task, poison);
        ++s.sent;
        break;
    }
    }
}

void SimulatorPrivate::scheduleNextBatch(Work &w, int wi)
{
    ++w.batchNumber;
    if (w.spec.rate.batchEverySeconds > 0) {
        const double at = w.spec.startSeconds + w.spec.rate.batchAtSeconds + double(w.batchNumber) * w.spec.rate.batchEverySeconds;
        m_events.push(toTime(at), SimEventKind::SenderFire, wi);
    }
}

void SimulatorPrivate::senderFire(int wi)
{
    Work &w = m_works[size_t(wi)];
    if (w.stopAt >= 0 && m_now >= w.stopAt)
        return;
    const RateSpec &rate = w.spec.rate;
    switch (rate.kind) {
    case RateKind::Constant:
        sendOne(w, wi);
        // Accumulate in double seconds so the rate has no rounding drift.
        w.nextExact += 1.0 / rate.perSecond;
        m_events.push(std::max(m_now, toTime(w.nextExact)), SimEventKind::SenderFire, wi);
        break;
    case RateKind::Poisson:
        sendOne(w, wi);
        m_events.push(m_now + toTime(m_rng.exponential(1.0 / rate.perSecond)), SimEventKind::SenderFire, wi);
        break;
    case RateKind::Batch:
        if (w.batchRemaining == 0)
            w.batchRemaining = rate.batchCount;
        if (rate.perSecond <= 0) {
            while (w.batchRemaining > 0) {
                sendOne(w, wi);
                --w.batchRemaining;
            }
        } else {
            sendOne(w, wi);
            --w.batchRemaining;
        }
        if (w.batchRemaining > 0)
            m_events.push(m_now + std::max<SimTime>(1, toTime(1.0 / rate.perSecond)), SimEventKind::SenderFire, wi);
        else
            scheduleNextBatch(w, wi);
        break;
    }
}

void SimulatorPrivate::applyChange(const ChangeSpec &c)
{
    switch (c.action) {
    case ChangeAction::AlterQueue:
        for (SimQueue &sq : m_queues) {
            Queue &cq = m_catalog.queues[sq.catalogIndex];
            if (cq.schema + QLatin1Char('.') + cq.name != c.target)
                continue;
            if (c.status) {
                sq.receiveEnabled = sq.enqueueEnabled = *c.status;
                cq.isReceiveEnabled = cq.isEnqueueEnabled = *c.status;
                if (!*c.status)
                    while (!sq.waiting.empty())
                        readerExit(sq.waiting.front());
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
        break;
    case ChangeAction::AlterMessageType:
        for (MessageType &m : m_catalog.messageTypes) {
            if (m.name == c.target) {
                m.validation = c.validation;
                m.validationDesc = c.validation == QLatin1String("X") ? QStringLiteral("XML")
                    : c.validation == QLatin1String("E")             ? QStringLiteral("EMPTY")
                                                                     : QStringLiteral("NONE");
            }
        }
        for (Work &w : m_works)
            computeValidation(w);
        break;
    case ChangeAction::SetBroker:
        m_brokerEnabled = c.status.value_or(true);
        m_catalog.database.isBrokerEnabled = m_brokerEnabled;
        break;
    case ChangeAction::DropService:
        for (SimService &s : m_services) {
            if (s.name == c.target)
                s.dropped = true;
        }
        m_catalog.services.removeIf([&](const Service &s) { return s.name == c.target; });
        break;
    }
}

// ---- the event loop ----

void SimulatorPrivate::handle(const SimEvent &ev)
{
    switch (ev.kind) {
    case SimEventKind::SenderFire:
        senderFire(ev.target);
        break;
    case SimEventKind::TaskDone: {
        const Reader &rd = m_readers[size_t(ev.target)];
        if (rd.alive && rd.gen == ev.generation && rd.msg >= 0)
            taskDone(ev.target);
        break;
    }
    case SimEventKind::ReaderTimeout: {
        Reader &rd = m_readers[size_t(ev.target)];
        if (rd.alive && rd.gen == ev.generation && rd.waiting) {
            // An empty WAITFOR (RECEIVE): the procedure exits; the monitor's 5 s timer restarts.
            m_queues[size_t(rd.queue)].lastEmpty = m_now;
            readerExit(ev.target);
        }
        break;
    }
    case SimEventKind::MonitorCheck: {
        SimQueue &sq = m_queues[size_t(ev.target)];
        // Activation case (b): ready messages, nobody waiting in RECEIVE, and no empty
        // RECEIVE for one monitor interval (§5). One new task per check at most [U].
        if (sq.activationEnabled && sq.receiveEnabled && sq.depth > 0 && sq.waiting.empty()
            && (sq.lastEmpty < 0 || m_now - sq.lastEmpty >= m_monitorInterval)) {
            if (sq.running < sq.maxReaders)
                startReader(ev.target);
            else
                ++sq.taskLimitReached;
        }
        if (sq.running == 0 && (sq.depth == 0 || !sq.receiveEnabled || !sq.activationEnabled))
            sq.monitor = QueueMonitorState::Inactive;
        m_events.push(m_now + m_monitorInterval, SimEventKind::MonitorCheck, ev.target);
        break;
    }
    case SimEventKind::Expiry: {
        if (!valid(ev.target, ev.generation))
            break;
        Endpoint &e = m_eps[size_t(ev.target)];
        if (e.state == EndpointState::CD) {
            if (m_closedExtra > 0 && !e.stampSet)
                m_events.push(e.lifetimeEnd + m_closedExtra, SimEventKind::Retention, ev.target, e.gen);
            else
                applyEvent(ev.target, EndpointEvent::LifetimeExpires);
            break;
        }
        if (!e.expiredCounted && e.state != EndpointState::ER) {
            ++m_flow.expired;
            e.expiredCounted = true;
            if (valid(e.far, e.farGen))
                m_eps[size_t(e.far)].expiredCounted = true;
        }
        purgeOutbox(ev.target); // retries stop at the lifetime (§3)
        applyEvent(ev.target, EndpointEvent::LifetimeExpires, ErrorLifetimeExceeded);
        break;
    }
    case SimEventKind::Retention:
        if (valid(ev.target, ev.generation))
            applyEvent(ev.target, EndpointEvent::RetentionEnds);
        break;
    case SimEventKind::TransmitRetry: {
        if (!valid(ev.target, ev.generation))
            break;
        Endpoint &e = m_eps[size_t(ev.target)];
        if (e.outbox.count == 0)
            break;
        const TxReason reason = blockReason(e);
        if (reason == TxReason::None) {
            e.txReason = TxReason::None;
            const quint32 gen = e.gen;
            while (valid(ev.target, gen) && m_eps[size_t(ev.target)].outbox.count > 0) {
                const qint32 m = popFront(m_eps[size_t(ev.target)].outbox);
                --m_txCount;
                deliver(ev.target, m);
            }
            break;
        }
        e.txReason = reason;
        e.txAttempt = quint8(std::min(e.txAttempt + 1, 8));
        const int delay = std::min(TransmissionRetryFirstSeconds << e.txAttempt, TransmissionRetryMaxSeconds);
        m_events.push(m_now + delay * Second, SimEventKind::TransmitRetry, ev.target, e.gen);
        break;
    }
    case SimEventKind::Sweep: {
        size_t keep = 0;
        for (const auto &[id, gen] : m_parked) {
            if (!valid(id, gen))
                continue;
            if (m_eps[size_t(id)].lifetimeEnd - m_now <= ExpiryHorizon)
                m_events.push(m_eps[size_t(id)].lifetimeEnd, SimEventKind::Expiry, id, gen);
            else
                m_parked[keep++] = {id, gen};
        }
        m_parked.resize(keep);
        m_events.push(m_now + ExpiryHorizon, SimEventKind::Sweep, 0);
        break;
    }
    case SimEventKind::Change:
        applyChange(m_scenario.changes.at(ev.target));
        break;
    }
}

bool SimulatorPrivate::advanceTo(SimTime until, qint64 maxEvents)
{
    qint64 done = 0;
    while (!m_events.isEmpty() && m_events.top().time <= until) {
        if (maxEvents >= 0 && done >= maxEvents)
            return false;
        const SimEvent ev = m_events.pop();
        m_now = ev.time;
        ++m_eventSerial;
        ++m_eventsProcessed;
        ++done;
        handle(ev);
        flush();
    }
    m_now = std::max(m_now, until);
    return true;
}

MonitorSample SimulatorPrivate::sample()
{
    MonitorSample s;
    s.time = m_scenario.start.addMSecs(m_now / Millisecond);
    s.isBrokerEnabled = m_brokerEnabled;
    for (const Group &g : m_groups) {
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
            s.endpoints.append(eg);
        }
    }
    qint64 running = 0;
    qint64 limitReached = 0;
    for (const SimQueue &sq : m_queues) {
        const Queue &cq = m_catalog.queues.at(sq.catalogIndex);
        QueueSample qs;
        qs.queueId = cq.objectId;
        qs.schema = cq.schema;
        qs.name = cq.name;
        qs.depth = sq.depth;
        qs.isReceiveEnabled = sq.receiveEnabled;
        qs.isEnqueueEnabled = sq.enqueueEnabled;
        qs.isActivationEnabled = sq.activationEnabled;
        qs.maxReaders = sq.maxReaders;
        qs.activeReaders = sq.running;
        qs.monitorState = sq.hasActivation ? sq.monitor : QueueMonitorState::None;
        qs.tasksWaiting = int(sq.waiting.size());
        if (sq.lastActivated >= 0)
            qs.lastActivatedTime = m_scenario.start.addMSecs(sq.lastActivated / Millisecond);
        if (sq.lastEmpty >= 0)
            qs.lastEmptyRowsetTime = m_scenario.start.addMSecs(sq.lastEmpty / Millisecond);
        running += sq.running;
        limitReached += sq.taskLimitReached;
        s.queues.append(qs);
    }
    s.transmissionQueueSize = m_txCount;
    if (m_txCount > 0) {
        QHash<QPair<int, int>, int> index;
        SimTime oldest = Never;
        size_t keep = 0;
        for (const qint32 id : m_txList) {
            Endpoint &e = m_eps[size_t(id)];
            if (!e.alive || e.outbox.count == 0) {
                e.inTxList = false;
                continue;
            }
            m_txList[keep++] = id;
            const Work &w = m_works[size_t(e.workload)];
            const int to = e.initiator ? w.to : w.from;
            const QPair<int, int> key(to, int(e.txReason));
            auto it = index.find(key);
            if (it == index.end()) {
                TransmissionGroup tg;
                tg.toService = m_services[size_t(to)].name;
                tg.status = txReasonText(e.txReason);
                s.transmission.append(tg);
                it = index.insert(key, int(s.transmission.size()) - 1);
            }
            TransmissionGroup &tg = s.transmission[it.value()];
            tg.count += e.outbox.count;
            const QDateTime since = m_scenario.start.addMSecs(e.txSince / Millisecond);
            if (!tg.oldestEnqueueTime || since < *tg.oldestEnqueueTime)
                tg.oldestEnqueueTime = since;
            oldest = std::min(oldest, e.txSince);
        }
        m_txList.resize(keep);
        if (oldest != Never)
            s.transmissionOldest = m_scenario.start.addMSecs(oldest / Millisecond);
    }
    auto counter = [&](const char *object, const char *name, const QString &instance, qint64 value) {
        PerfCounter pc;
        pc.object = QLatin1String(object);
        pc.counter = QLatin1String(name);
        pc.instance = instance;
        pc.value = value;
        pc.type = 65792; // a snapshot value (§2)
        s.counters.append(pc);
    };
    counter("Broker Statistics", "Enqueued Messages Total", QString(), m_enqueuedTotal);
    counter("Broker Statistics", "SQL SEND Total", QString(), m_sendsTotal);
    counter("Broker Statistics", "SQL RECEIVE Total", QString(), m_receivesTotal);
    counter("Broker Statistics", "Broker Transaction Rollbacks", QString(), m_flow.rollbacks);
    counter("Broker Statistics", "Dropped Messages Total", QString(), m_flow.dropped);
    counter("Broker Activation", "Tasks Running", m_catalog.database.databaseName, running);
    counter("Broker Activation", "Task Limit Reached", m_catalog.database.databaseName, limitReached);
    s.flow = m_flow;
    s.latency = m_windowLatency.stats();
    m_windowLatency.clear();
    return s;
}

// ---- Simulator ----

Simulator::Simulator(const Scenario &scenario)
    : d(std::make_unique<SimulatorPrivate>(scenario))
{
}

Simulator::~Simulator() = default;

const Scenario &Simulator::scenario() const { return d->m_scenario; }
BrokerCatalog Simulator::catalog() const { return d->m_catalog; }
SimTime Simulator::now() const { return d->m_now; }
QDateTime Simulator::currentTime() const { return d->m_scenario.start.addMSecs(d->m_now / Millisecond); }
SimTime Simulator::duration() const { return d->m_duration; }
bool Simulator::advanceTo(SimTime until, qint64 maxEvents) { return d->advanceTo(until, maxEvents); }
MonitorSample Simulator::sample() { return d->sample(); }
FlowCounters Simulator::flow() const { return d->m_flow; }
LatencyStats Simulator::totalLatency() const { return d->m_totalLatency.stats(); }
qint64 Simulator::eventsProcessed() const { return d->m_eventsProcessed; }
qint64 Simulator::endpointCount(EndpointState state) const { return d->m_stateTotal[size_t(state)]; }
qint64 Simulator::transmissionQueueSize() const { return d->m_txCount; }

qint64 Simulator::endpointCount() const
{
    qint64 n = 0;
    for (const qint64 c : d->m_stateTotal)
        n += c;
    return n;
}

void Simulator::run(const std::function<bool(const MonitorSample &)> &sink, SimTime until, SimTime interval)
{
    if (until < 0)
        until = duration();
    if (interval <= 0)
        interval = std::max<SimTime>(1, toTime(d->m_scenario.sampleIntervalSeconds));
    for (SimTime t = now() + interval; t <= until; t += interval) {
        d->advanceTo(t, -1);
        if (sink && !sink(sample()))
            return;
    }
    d->advanceTo(until, -1);
}

} // namespace bs::sim

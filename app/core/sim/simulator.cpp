// The simulator's engine: the parts of one run wired together, the event loop that dispatches
// each event to its part, the scripted changes and the assembly of a MonitorSample.
#include "core/sim/simulator.h"

#include "core/sim/simulatorprivate.h"

#include <algorithm>

namespace bs::sim {

SimulatorPrivate::SimulatorPrivate(const Scenario &s)
    : m_ctx(s)
    , m_endpoints(m_ctx)
    , m_transmission(m_ctx, m_endpoints, m_activation, m_delivery)
    , m_activation(m_ctx, m_endpoints, m_lifecycle, m_transmission)
    , m_lifecycle(m_ctx, m_endpoints, m_transmission, m_activation)
    , m_delivery(m_ctx, m_endpoints, m_lifecycle, m_activation)
    , m_sender(m_ctx, m_endpoints, m_lifecycle, m_transmission)
{
    m_delivery.validateAll();
    // The order of these first events fixes how ties are broken (SimEventQueue's sequence), so
    // it is part of what makes a run reproducible: senders, monitors, changes, the sweep.
    m_sender.scheduleStarts();
    m_activation.scheduleChecks();
    for (int i = 0; i < s.changes.size(); ++i)
        m_ctx.events.push(toSimTime(s.changes.at(i).atSeconds), SimEventKind::Change, i);
    m_ctx.events.push(ExpiryHorizon, SimEventKind::Sweep, 0);
}

void SimulatorPrivate::applyChange(const ChangeSpec &c)
{
    switch (c.action) {
    case ChangeAction::AlterQueue:
        m_activation.alterQueue(c);
        break;
    case ChangeAction::AlterMessageType:
        for (MessageType &m : m_ctx.catalog.messageTypes) {
            if (m.name == c.target) {
                m.validation = c.validation;
                m.validationDesc = c.validation == QLatin1String("X") ? QStringLiteral("XML")
                    : c.validation == QLatin1String("E")             ? QStringLiteral("EMPTY")
                                                                     : QStringLiteral("NONE");
            }
        }
        m_delivery.validateAll();
        break;
    case ChangeAction::SetBroker:
        m_ctx.brokerEnabled = c.status.value_or(true);
        m_ctx.catalog.database.isBrokerEnabled = m_ctx.brokerEnabled;
        break;
    case ChangeAction::DropService:
        for (SimService &svc : m_ctx.services) {
            if (svc.name == c.target)
                svc.dropped = true;
        }
        m_ctx.catalog.services.removeIf([&](const Service &svc) { return svc.name == c.target; });
        break;
    }
}

void SimulatorPrivate::handle(const SimEvent &ev)
{
    switch (ev.kind()) {
    case SimEventKind::SenderFire:
        m_sender.fire(ev.target);
        break;
    case SimEventKind::TaskDone:
        m_activation.taskDone(ev.target, ev.generation);
        break;
    case SimEventKind::ReaderTimeout:
        m_activation.readerTimeout(ev.target, ev.generation);
        break;
    case SimEventKind::MonitorCheck:
        m_activation.monitorCheck(ev.target);
        break;
    case SimEventKind::Expiry:
        m_lifecycle.expire(ev.target, ev.generation);
        break;
    case SimEventKind::Retention:
        m_lifecycle.endRetention(ev.target, ev.generation);
        break;
    case SimEventKind::TransmitRetry:
        m_transmission.retry(ev.target, ev.generation);
        break;
    case SimEventKind::Sweep:
        m_endpoints.sweep(); // may stop part-way: finishEvent() calls it again
        break;
    case SimEventKind::Change:
        applyChange(m_ctx.scenario.changes.at(ev.target));
        break;
    case SimEventKind::DialogTimer:
        m_lifecycle.timerFires(ev.target, ev.generation);
        break;
    }
}

bool SimulatorPrivate::finishEvent()
{
    if (m_phase == Phase::Handling) {
        m_ctx.suspended = false;
        handle(m_current);
        if (m_ctx.suspended)
            return false;
        m_phase = Phase::Committing;
    }
    if (m_phase == Phase::Committing) {
        if (!m_activation.commit(true))
            return false;
        m_endpoints.endTransaction();
        m_phase = Phase::Idle;
    }
    return true;
}

bool SimulatorPrivate::advanceTo(SimTime until, qint64 maxEvents)
{
    // maxEvents is the slice's work budget: one unit per event, and one per message of a batch,
    // per message committed and per 64 entries of the sweep within a long event.
    m_ctx.workBudget = maxEvents < 0 ? -1 : maxEvents;
    const bool done = [&] {
        if (!finishEvent())
            return false;
        while (!m_ctx.events.isEmpty() && m_ctx.events.top().time <= until) {
            if (m_ctx.workBudget == 0)
                return false;
            m_current = m_ctx.events.pop();
            m_ctx.now = m_current.time;
            ++m_ctx.eventSerial;
            ++m_ctx.eventsProcessed;
            if (m_ctx.workBudget > 0)
                --m_ctx.workBudget;
            m_phase = Phase::Handling;
            if (!finishEvent())
                return false;
        }
        return true;
    }();
    m_ctx.workBudget = -1;
    if (done)
        m_ctx.now = std::max(m_ctx.now, until);
    return done;
}

MonitorSample SimulatorPrivate::sample()
{
    MonitorSample s;
    s.time = m_ctx.wallTime(m_ctx.now);
    s.isBrokerEnabled = m_ctx.brokerEnabled;
    m_endpoints.appendTo(s);
    m_activation.appendTo(s);
    m_transmission.appendTo(s);
    auto counter = [&](const char *object, const char *name, const QString &instance, qint64 value, int type) {
        PerfCounter pc;
        pc.object = QLatin1String(object);
        pc.counter = QLatin1String(name);
        pc.instance = instance;
        pc.value = value;
        pc.type = type;
        s.counters.append(pc);
    };
    // Names as the "SQL Server, Broker Statistics Object" and "Broker Activation Object" pages
    // list them (https://learn.microsoft.com/en-us/previous-versions/SQL/SQL-server-2008-r2/ms191266(v=sql.105),
    // .../ms190767(v=sql.105)). "Total" and running counts are snapshots (cntr_type 65792); a
    // "/sec" counter is a running total (272696576) whose rate comes from two samples (§2).
    constexpr int Snapshot = 65792;
    constexpr int PerSecond = PerfCounter::PerSecondBulkType;
    const QString db = m_ctx.catalog.database.databaseName;
    counter("Broker Statistics", "Enqueued Messages Total", QString(), m_ctx.enqueuedTotal, Snapshot);
    counter("Broker Statistics", "SQL SEND Total", QString(), m_ctx.sendsTotal, Snapshot);
    counter("Broker Statistics", "SQL RECEIVE Total", QString(), m_ctx.receivesTotal, Snapshot);
    counter("Broker Statistics", "Broker Transaction Rollbacks", QString(), m_ctx.flow.rollbacks, Snapshot);
    counter("Broker Statistics", "Dropped Messages Total", QString(), m_ctx.flow.dropped, Snapshot);
    counter("Broker Activation", "Tasks Running", db, m_activation.tasksRunning(), Snapshot);
    counter("Broker Activation", "Task Limit Reached", db, m_activation.taskLimitReached(), Snapshot);
    // Every simulated message is local (one database): Enqueued Local = Enqueued.
    counter("Broker Statistics", "Enqueued Messages/sec", QString(), m_ctx.enqueuedTotal, PerSecond);
    counter("Broker Statistics", "Enqueued Local Messages/sec", QString(), m_ctx.enqueuedTotal, PerSecond);
    counter("Broker Statistics", "SQL SENDs/sec", QString(), m_ctx.sendsTotal, PerSecond);
    counter("Broker Statistics", "SQL RECEIVEs/sec", QString(), m_ctx.receivesTotal, PerSecond);
    counter("Broker Statistics", "Enqueued Transmission Msgs/sec", QString(), m_ctx.transmissionEnqueued, PerSecond);
    counter("Broker Statistics", "Dequeued Transmission Msgs/sec", QString(), m_ctx.transmissionDequeued, PerSecond);
    counter("Broker Activation", "Tasks Started/sec", db, m_ctx.tasksStarted, PerSecond);
    counter("Broker Activation", "Stored Procedures Invoked/sec", db, m_ctx.tasksStarted, PerSecond);
    counter("Broker Activation", "Task Limit Reached/sec", db, m_activation.taskLimitReached(), PerSecond);
    counter("Broker Activation", "Tasks Aborted/sec", db, m_ctx.tasksAborted, PerSecond);
    s.flow = m_ctx.flow;
    s.latency = m_ctx.windowLatency.stats();
    m_ctx.windowLatency.clear();
    return s;
}

// ---- Simulator ----

Simulator::Simulator(const Scenario &scenario)
    : d(std::make_unique<SimulatorPrivate>(scenario))
{
}

Simulator::~Simulator() = default;

const Scenario &Simulator::scenario() const { return d->m_ctx.scenario; }
BrokerCatalog Simulator::catalog() const { return d->m_ctx.catalog; }
SimTime Simulator::now() const { return d->m_ctx.now; }
QDateTime Simulator::currentTime() const { return d->m_ctx.wallTime(d->m_ctx.now); }
SimTime Simulator::duration() const { return d->m_ctx.duration; }
bool Simulator::advanceTo(SimTime until, qint64 maxEvents) { return d->advanceTo(until, maxEvents); }
MonitorSample Simulator::sample() { return d->sample(); }
FlowCounters Simulator::flow() const { return d->m_ctx.flow; }
LatencyStats Simulator::totalLatency() const { return d->m_ctx.totalLatency.stats(); }

void Simulator::resetTotalLatency() { d->m_ctx.totalLatency.clear(); }
qint64 Simulator::eventsProcessed() const { return d->m_ctx.eventsProcessed; }
qint64 Simulator::endpointCount(EndpointState state) const { return d->m_endpoints.count(state); }
qint64 Simulator::endpointCount() const { return d->m_endpoints.count(); }
qint64 Simulator::transmissionQueueSize() const { return d->m_transmission.size(); }
qint64 Simulator::allocatedBytes() const
{
    return d->m_endpoints.allocatedBytes() + d->m_ctx.events.allocatedBytes() + d->m_ctx.messages.allocatedBytes();
}

void Simulator::run(const std::function<bool(const MonitorSample &)> &sink, SimTime until, SimTime interval)
{
    if (until < 0)
        until = duration();
    if (interval <= 0)
        interval = std::max<SimTime>(1, toSimTime(d->m_ctx.scenario.sampleIntervalSeconds));
    for (SimTime t = now() + interval; t <= until; t += interval) {
        d->advanceTo(t, -1);
        if (sink && !sink(sample()))
            return;
    }
    d->advanceTo(until, -1);
}

} // namespace bs::sim

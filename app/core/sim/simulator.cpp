// The simulator's engine: the parts of one run wired together, the event loop that dispatches
// each event to its part, the scripted changes and the assembly of a MonitorSample.
#include "core/sim/simulator.h"

#include "core/sim/activationmonitor.h"
#include "core/sim/endpointlifecycle.h"
#include "core/sim/endpointtable.h"
#include "core/sim/messagedelivery.h"
#include "core/sim/simcontext.h"
#include "core/sim/transmissionqueue.h"
#include "core/sim/workloadsender.h"

#include <algorithm>

namespace bs::sim {

class SimulatorPrivate
{
public:
    explicit SimulatorPrivate(const Scenario &s);

    bool advanceTo(SimTime until, qint64 maxEvents);
    void handle(const SimEvent &ev);
    void applyChange(const ChangeSpec &c);
    MonitorSample sample();

    // The parts refer to each other (a delivery changes endpoints, which wake readers, whose
    // commits transmit); each holds references to the ones it calls, all owned here.
    SimContext m_ctx;
    EndpointTable m_endpoints;
    TransmissionQueue m_transmission;
    ActivationMonitor m_activation;
    EndpointLifecycle m_lifecycle;
    MessageDelivery m_delivery;
    WorkloadSender m_sender;
};

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
    switch (ev.kind) {
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
        m_endpoints.sweep();
        break;
    case SimEventKind::Change:
        applyChange(m_ctx.scenario.changes.at(ev.target));
        break;
    }
}

bool SimulatorPrivate::advanceTo(SimTime until, qint64 maxEvents)
{
    qint64 done = 0;
    while (!m_ctx.events.isEmpty() && m_ctx.events.top().time <= until) {
        if (maxEvents >= 0 && done >= maxEvents)
            return false;
        const SimEvent ev = m_ctx.events.pop();
        m_ctx.now = ev.time;
        ++m_ctx.eventSerial;
        ++m_ctx.eventsProcessed;
        ++done;
        handle(ev);
        m_activation.commit();
    }
    m_ctx.now = std::max(m_ctx.now, until);
    return true;
}

MonitorSample SimulatorPrivate::sample()
{
    MonitorSample s;
    s.time = m_ctx.wallTime(m_ctx.now);
    s.isBrokerEnabled = m_ctx.brokerEnabled;
    m_endpoints.appendTo(s);
    m_activation.appendTo(s);
    m_transmission.appendTo(s);
    auto counter = [&](const char *object, const char *name, const QString &instance, qint64 value) {
        PerfCounter pc;
        pc.object = QLatin1String(object);
        pc.counter = QLatin1String(name);
        pc.instance = instance;
        pc.value = value;
        pc.type = 65792; // a snapshot value (§2)
        s.counters.append(pc);
    };
    counter("Broker Statistics", "Enqueued Messages Total", QString(), m_ctx.enqueuedTotal);
    counter("Broker Statistics", "SQL SEND Total", QString(), m_ctx.sendsTotal);
    counter("Broker Statistics", "SQL RECEIVE Total", QString(), m_ctx.receivesTotal);
    counter("Broker Statistics", "Broker Transaction Rollbacks", QString(), m_ctx.flow.rollbacks);
    counter("Broker Statistics", "Dropped Messages Total", QString(), m_ctx.flow.dropped);
    counter("Broker Activation", "Tasks Running", m_ctx.catalog.database.databaseName, m_activation.tasksRunning());
    counter("Broker Activation", "Task Limit Reached", m_ctx.catalog.database.databaseName, m_activation.taskLimitReached());
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
qint64 Simulator::eventsProcessed() const { return d->m_ctx.eventsProcessed; }
qint64 Simulator::endpointCount(EndpointState state) const { return d->m_endpoints.count(state); }
qint64 Simulator::endpointCount() const { return d->m_endpoints.count(); }
qint64 Simulator::transmissionQueueSize() const { return d->m_transmission.size(); }

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

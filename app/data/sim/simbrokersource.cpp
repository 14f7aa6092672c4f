#include "data/sim/simbrokersource.h"

#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"
#include "data/ops/simbrokeroperations.h"

#include <algorithm>

namespace bs {

namespace {

constexpr int TickMs = 40;
// Wall time one tick may spend simulating and handing out samples: the rest of the tick belongs
// to the GUI, so the event loop is never held for much longer than this (issue 13: < 50 ms).
constexpr qint64 TickBudgetNs = 16'000'000;
// Work units per advanceTo call (events, messages of a batch, entries of a sweep): small enough
// that a slice takes well under a millisecond, so the budget above is kept closely.
constexpr qint64 UnitsPerSlice = 4000;
// effectiveSpeed() is the average over about this much wall time.
constexpr qint64 SpeedWindowNs = 1'000'000'000;

} // namespace

SimBrokerSource::SimBrokerSource(sim::Scenario scenario, QObject *parent)
    : BrokerSource(parent)
    , m_scenario(std::move(scenario))
    , m_sim(std::make_unique<sim::Simulator>(m_scenario))
{
    m_tickTimer.setInterval(TickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &SimBrokerSource::tick);
    m_wall.start();
    m_tickTimer.start();
}

SimBrokerSource::~SimBrokerSource() = default;

SimBrokerSource *SimBrokerSource::createDemo(QObject *parent)
{
    QString error;
    auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(":/scenarios/demo.json"), &error);
    if (!scenario) {
        // The demo is embedded in the binary; failing to read it is a build defect.
        qWarning("SimBrokerSource: cannot load the demo scenario: %s", qPrintable(error));
        return nullptr;
    }
    auto *source = new SimBrokerSource(*scenario, parent);
    source->setLooping(true);
    source->setSpeed(10.0);
    return source;
}

SimBrokerSource *SimBrokerSource::fromFile(const QString &nameOrPath, QString *error, QObject *parent)
{
    auto scenario = sim::ScenarioLoader::fromFile(nameOrPath, error);
    if (!scenario)
        return nullptr;
    return new SimBrokerSource(*scenario, parent);
}

QString SimBrokerSource::displayName() const
{
    const QString name = m_scenario.name.isEmpty() ? QStringLiteral("Scenario") : m_scenario.name;
    return name + QStringLiteral(" (simulation)");
}

QDateTime SimBrokerSource::simulatedTime() const
{
    return m_sim->currentTime();
}

FlowCounters SimBrokerSource::flow() const
{
    return m_sim->flow();
}

int SimBrokerSource::intervalMs() const
{
    return int(m_intervalUs / sim::Millisecond);
}

void SimBrokerSource::loadCatalog()
{
    // Asynchronous like a real server, so callers have one code path.
    QTimer::singleShot(0, this, [this] { Q_EMIT catalogLoaded(m_sim->catalog()); });
}

void SimBrokerSource::startSampling(int intervalMs)
{
    m_intervalUs = qint64(std::max(MinIntervalMs, intervalMs)) * sim::Millisecond;
    alignNextSample();
}

void SimBrokerSource::stopSampling()
{
    m_intervalUs = 0;
}

void SimBrokerSource::alignNextSample()
{
    // The next multiple of the interval after now: the instants a CLI run samples, whenever
    // sampling starts or the interval changes.
    if (m_intervalUs > 0)
        m_nextSampleUs = (m_sim->now() / m_intervalUs + 1) * m_intervalUs;
}

void SimBrokerSource::setSpeed(double factor)
{
    const double s = std::clamp(factor, MinSpeed, MaxSpeed);
    if (s == m_speed)
        return;
    m_speed = s;
    m_effectiveSpeed = s;
    m_progressUs = 0;
    m_progressWallNs = 0;
    Q_EMIT speedChanged(m_speed);
    Q_EMIT effectiveSpeedChanged(m_effectiveSpeed);
}

void SimBrokerSource::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    m_tickTimer.stop();
    Q_EMIT pausedChanged(true);
    Q_EMIT statusChanged(QStringLiteral("Simulation paused"));
}

void SimBrokerSource::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_carry = 0.0;
    m_progressUs = 0;
    m_progressWallNs = 0;
    m_wall.restart();
    m_tickTimer.start();
    Q_EMIT pausedChanged(false);
    Q_EMIT statusChanged(QStringLiteral("Simulation running at %1×").arg(m_speed));
}

void SimBrokerSource::step()
{
    pause();
    const qint64 interval = m_intervalUs > 0
        ? m_intervalUs
        : std::max<sim::SimTime>(1, sim::SimTime(m_scenario.sampleIntervalSeconds * double(sim::Second)));
    const sim::SimTime next = (m_sim->now() / interval + 1) * interval;
    m_sim->advanceTo(std::min(next, m_sim->duration()));
    if (m_intervalUs > 0)
        m_nextSampleUs = m_sim->now() + m_intervalUs;
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    Q_EMIT sampleReady(takeSample());
}

void SimBrokerSource::restart()
{
    startRun(false);
}

void SimBrokerSource::startRun(bool automatic)
{
    // The clock goes back to the scenario's start: a new run, which the monitor shows as a new
    // chart (its samples' times go back), never as counts silently dropping to zero.
    m_sim = std::make_unique<sim::Simulator>(m_scenario);
    ++m_run;
    m_census.reset(); // the simulated clock starts over
    m_carry = 0.0;
    m_wall.restart();
    alignNextSample();
    Q_EMIT runStarted(m_run, automatic);
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    Q_EMIT catalogLoaded(m_sim->catalog());
}

MonitorSample SimBrokerSource::takeSample()
{
    MonitorSample s = m_sim->sample();
    // What partition metadata reports on a server (sql/monitor/totals.sql): the row counts,
    // every sample. The simulator's counts are exact where a server's are approximate.
    s.totals.endpoints = s.endpointCount();
    s.totals.transmission = s.transmissionQueueSize;
    const qint64 intervalMs = m_intervalUs > 0 ? m_intervalUs / sim::Millisecond
                                               : qint64(m_scenario.sampleIntervalSeconds * 1000.0);
    const bool census = m_census.decide(s.time, intervalMs);
    if (!census)
        m_census.dropBreakdown(s, intervalMs);
    m_census.note(s, census, s.time);
    return s;
}

void SimBrokerSource::noteProgress(qint64 simulatedUs, qint64 wallNs)
{
    m_progressUs += simulatedUs;
    m_progressWallNs += wallNs;
    if (m_progressWallNs < SpeedWindowNs)
        return;
    const double speed = double(m_progressUs) * 1000.0 / double(m_progressWallNs);
    m_progressUs = 0;
    m_progressWallNs = 0;
    // Within 2 % of the asked speed counts as keeping up (timer jitter).
    const double shown = speed >= m_speed * 0.98 ? m_speed : speed;
    if (shown != m_effectiveSpeed) {
        m_effectiveSpeed = shown;
        Q_EMIT effectiveSpeedChanged(m_effectiveSpeed);
    }
}

void SimBrokerSource::tick()
{
    const qint64 wallNs = m_wall.nsecsElapsed();
    m_wall.restart();
    m_carry += double(wallNs) / 1000.0 * m_speed;
    const sim::SimTime before = m_sim->now();
    const sim::SimTime target = std::min(before + sim::SimTime(m_carry), m_sim->duration());
    QElapsedTimer budget;
    budget.start();
    bool reached = false;
    while (budget.nsecsElapsed() < TickBudgetNs) {
        // Stop at the next sampling instant on the way, hand its sample out, go on.
        const bool sampleDue = m_intervalUs > 0 && m_nextSampleUs <= target;
        const sim::SimTime stop = sampleDue ? m_nextSampleUs : target;
        if (!m_sim->advanceTo(stop, UnitsPerSlice))
            continue;
        if (sampleDue) {
            m_nextSampleUs += m_intervalUs;
            const int run = m_run;
            Q_EMIT sampleReady(takeSample());
            if (m_run != run || m_paused)
                return; // a receiver restarted or paused the simulation meanwhile
            continue;
        }
        reached = true;
        break;
    }
    // Behind schedule (more work than the budget allows): drop the debt instead of piling it up,
    // so the GUI stays responsive; the effective speed is then lower than asked, and shown.
    m_carry = reached ? m_carry - double(target - before) : 0.0;
    noteProgress(m_sim->now() - before, wallNs);
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    if (m_sim->now() < m_sim->duration())
        return;
    if (m_looping) {
        startRun(true);
        Q_EMIT statusChanged(QStringLiteral("%1 reached its end after %2 simulated days and started over: run %3")
                                 .arg(m_scenario.name)
                                 .arg(m_scenario.durationSeconds / 86400.0, 0, 'g', 3)
                                 .arg(m_run));
        return;
    }
    pause();
    Q_EMIT statusChanged(QStringLiteral("Scenario finished"));
    Q_EMIT finished();
}

BrokerOperations *SimBrokerSource::operations()
{
    if (!m_operations)
        m_operations = new SimBrokerOperations(this);
    return m_operations;
}

} // namespace bs

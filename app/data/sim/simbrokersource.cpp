#include "data/sim/simbrokersource.h"

#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <algorithm>

namespace bs {

namespace {

constexpr int TickMs = 50;
// Wall time one tick may spend simulating: the rest of the tick belongs to the GUI.
constexpr qint64 TickBudgetNs = 8'000'000;
constexpr qint64 EventsPerSlice = 20000;

} // namespace

SimBrokerSource::SimBrokerSource(sim::Scenario scenario, QObject *parent)
    : BrokerSource(parent)
    , m_scenario(std::move(scenario))
    , m_sim(std::make_unique<sim::Simulator>(m_scenario))
{
    m_tickTimer.setInterval(TickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &SimBrokerSource::tick);
    connect(&m_sampleTimer, &QTimer::timeout, this, &SimBrokerSource::emitSample);
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

void SimBrokerSource::loadCatalog()
{
    // Asynchronous like a real server, so callers have one code path.
    QTimer::singleShot(0, this, [this] { Q_EMIT catalogLoaded(m_sim->catalog()); });
}

void SimBrokerSource::startSampling(int intervalMs)
{
    m_sampleTimer.start(std::max(10, intervalMs));
}

void SimBrokerSource::stopSampling()
{
    m_sampleTimer.stop();
}

void SimBrokerSource::emitSample()
{
    if (!m_paused)
        Q_EMIT sampleReady(m_sim->sample());
}

void SimBrokerSource::setSpeed(double factor)
{
    const double s = std::clamp(factor, MinSpeed, MaxSpeed);
    if (s == m_speed)
        return;
    m_speed = s;
    Q_EMIT speedChanged(m_speed);
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
    m_wall.restart();
    m_tickTimer.start();
    Q_EMIT pausedChanged(false);
    Q_EMIT statusChanged(QStringLiteral("Simulation running at %1×").arg(m_speed));
}

void SimBrokerSource::step()
{
    pause();
    const sim::SimTime interval = std::max<sim::SimTime>(1, sim::SimTime(m_scenario.sampleIntervalSeconds * double(sim::Second)));
    m_sim->advanceTo(m_sim->now() + interval);
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    Q_EMIT sampleReady(m_sim->sample());
}

void SimBrokerSource::restart()
{
    m_sim = std::make_unique<sim::Simulator>(m_scenario);
    m_carry = 0.0;
    m_wall.restart();
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    Q_EMIT catalogLoaded(m_sim->catalog());
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
    bool reached = m_sim->advanceTo(target, EventsPerSlice);
    while (!reached && budget.nsecsElapsed() < TickBudgetNs)
        reached = m_sim->advanceTo(target, EventsPerSlice);
    // Behind schedule (more events than the budget allows): drop the debt instead of piling it
    // up, so the GUI stays responsive; the effective speed is then lower than asked.
    m_carry = reached ? m_carry - double(target - before) : 0.0;
    Q_EMIT simulatedTimeChanged(m_sim->currentTime());
    if (m_sim->now() < m_sim->duration())
        return;
    if (m_looping) {
        // Start over where the previous run ended, so time keeps moving forward.
        ++m_loops;
        m_scenario.start = m_scenario.start.addMSecs(qint64(m_scenario.durationSeconds * 1000.0));
        m_sim = std::make_unique<sim::Simulator>(m_scenario);
        Q_EMIT statusChanged(QStringLiteral("Scenario restarted (run %1)").arg(m_loops + 1));
        return;
    }
    pause();
    Q_EMIT statusChanged(QStringLiteral("Scenario finished"));
    Q_EMIT finished();
}

} // namespace bs

#pragma once

#include "core/sim/scenario.h"
#include "core/census/censusscheduler.h"
#include "data/brokersource.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace bs {

namespace sim {
class Simulator;
}
class SimBrokerOperations;

/// A BrokerSource backed by the simulator: runs a scenario in real time at a chosen speed
/// (1×–1000×), can pause, resume and single-step, and serves the catalog and samples like a
/// real server. The built-in demo is createDemo().
///
/// Samples are taken on the simulation's own clock: startSampling(ms) means one sample every
/// `ms` of *simulated* time, at the multiples of the interval since the scenario's start (the
/// instants `broker-studio simulate --csv` writes). At 1000× and 1 s that is a thousand samples
/// per real second, several per tick of the GUI thread; the chart and the CSV tell the same story
/// at any speed. The simulation runs on the owner's thread in slices of at most TickBudgetMs per
/// tick (long events such as a batch of millions of messages are cut into slices too); when it
/// cannot keep up, it runs slower instead of skipping samples, and effectiveSpeed() says how fast.
class SimBrokerSource : public BrokerSource
{
    Q_OBJECT
public:
    static constexpr double MinSpeed = 1.0;
    static constexpr double MaxSpeed = 1000.0;
    /// The shortest sampling interval, in simulated milliseconds.
    static constexpr int MinIntervalMs = 100;

    explicit SimBrokerSource(sim::Scenario scenario, QObject *parent = nullptr);
    ~SimBrokerSource() override;

    /// The built-in demo (:/scenarios/demo.json): a fire-and-forget pair leaking CLOSED target
    /// endpoints (security_timestamp never set), a pair whose target never ENDs (DO/DI pile up)
    /// and a healthy keep-firing pair. Runs the scenario's seven simulated days, then starts a
    /// new run (runStarted). Running at 10× from the start.
    static SimBrokerSource *createDemo(QObject *parent = nullptr);
    /// A scenario file, resource path or built-in name; nullptr and *error on failure.
    static SimBrokerSource *fromFile(const QString &nameOrPath, QString *error, QObject *parent = nullptr);

    QString displayName() const override;
    bool isSimulation() const override { return true; }
    /// Sampled fast (50 ms), on the simulation's own clock, which starts over on a restart.
    SourceTraits traits() const override { return {MonitorLimits::MinSimulationIntervalMs, true, true}; }
    void loadCatalog() override;
    /// One sample every `intervalMs` of simulated time (at least MinIntervalMs).
    void startSampling(int intervalMs) override;
    void stopSampling() override;
    void cancel() override {}
    /// The same census rule as a server's poller (CensusScheduler), on simulated time: every
    /// sample carries the cheap totals, the breakdown only when the rule says so.
    void setSamplingPolicy(const SamplingPolicy &policy) override { m_census.setPolicy(policy); }
    /// The next sample (at the next sampling instant, or the next step() when paused) carries the census.
    void requestCensus() override { m_census.requestCensus(); }
    /// Browsing and operations on the running simulation (SimBrokerOperations).
    BrokerOperations *operations() override;
    /// The simulation of the current run (replaced by a restart).
    sim::Simulator *simulator() const { return m_sim.get(); }

    const sim::Scenario &scenario() const { return m_scenario; }
    double speed() const { return m_speed; }
    /// Simulated seconds per real second over the last second or so: below speed() when the
    /// samples or the simulation need more of the GUI thread than a tick allows.
    double effectiveSpeed() const { return m_effectiveSpeed; }
    bool isPaused() const { return m_paused; }
    /// Simulated milliseconds between samples; 0 when not sampling.
    int intervalMs() const;
    /// When the scenario's duration is reached: start a new run (true) or pause (false, default).
    bool isLooping() const { return m_looping; }
    void setLooping(bool looping) { m_looping = looping; }
    /// 1 for the first run; each restart (by the user or at the end of a looping scenario) adds one.
    int run() const { return m_run; }
    QDateTime simulatedTime() const;
    /// Tasks sent, done, failed and lost since the run began, as `simulate` reports them.
    FlowCounters flow() const;

public Q_SLOTS:
    /// Simulated seconds per wall-clock second, clamped to 1–1000.
    void setSpeed(double factor);
    void pause();
    void resume();
    /// Pauses, advances to the next sampling instant and emits that sample.
    void step();
    /// Starts the scenario again from its beginning (same seed): a new run.
    void restart();

Q_SIGNALS:
    void pausedChanged(bool paused);
    void speedChanged(double speed);
    void effectiveSpeedChanged(double speed);
    void simulatedTimeChanged(const QDateTime &time);
    /// A new run began (run() ≥ 2): the simulated clock is back at the scenario's start and every
    /// count starts from zero. `automatic`: a looping scenario reached its end.
    void runStarted(int run, bool automatic);
    /// The scenario reached its duration and does not loop.
    void finished();

private:
    void tick();
    void startRun(bool automatic);
    void alignNextSample();
    void noteProgress(qint64 simulatedUs, qint64 wallNs);
    /// The simulator's sample with the cheap totals, the breakdown dropped between censuses.
    MonitorSample takeSample();

    sim::Scenario m_scenario;
    std::unique_ptr<sim::Simulator> m_sim;
    QTimer m_tickTimer;
    QElapsedTimer m_wall;
    double m_speed = 1.0;
    double m_effectiveSpeed = 1.0;
    double m_carry = 0.0; // simulated microseconds owed from earlier ticks
    qint64 m_intervalUs = 0; // simulated microseconds between samples; 0 = not sampling
    qint64 m_nextSampleUs = 0;
    qint64 m_progressUs = 0; // for effectiveSpeed(): simulated time and wall time since the last figure
    qint64 m_progressWallNs = 0;
    bool m_paused = false;
    bool m_looping = false;
    int m_run = 1;
    SimBrokerOperations *m_operations = nullptr;
    CensusScheduler m_census;
};

} // namespace bs

#pragma once

#include "core/sim/scenario.h"
#include "data/brokersource.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace bs {

namespace sim {
class Simulator;
}

/// A BrokerSource backed by the simulator: runs a scenario in real time at a chosen speed
/// (1×–1000×), can pause, resume and single-step, and serves the catalog and samples like a
/// real server. The built-in demo is createDemo(). Simulation runs on the owner's thread in
/// small time slices (a few milliseconds per 50 ms tick), so the GUI thread stays responsive.
class SimBrokerSource : public BrokerSource
{
    Q_OBJECT
public:
    static constexpr double MinSpeed = 1.0;
    static constexpr double MaxSpeed = 1000.0;

    explicit SimBrokerSource(sim::Scenario scenario, QObject *parent = nullptr);
    ~SimBrokerSource() override;

    /// The built-in demo (:/scenarios/demo.json): a fire-and-forget pair leaking CLOSED target
    /// endpoints (security_timestamp never set), a pair whose target never ENDs (DO/DI pile up)
    /// and a healthy keep-firing pair, looping forever. Running at 10× from the start.
    static SimBrokerSource *createDemo(QObject *parent = nullptr);
    /// A scenario file, resource path or built-in name; nullptr and *error on failure.
    static SimBrokerSource *fromFile(const QString &nameOrPath, QString *error, QObject *parent = nullptr);

    QString displayName() const override;
    bool isSimulation() const override { return true; }
    /// Sampled fast (50 ms), on the simulation's own clock, which starts over on a restart.
    SourceTraits traits() const override { return {MonitorLimits::MinSimulationIntervalMs, true, true}; }
    void loadCatalog() override;
    void startSampling(int intervalMs) override;
    void stopSampling() override;
    void cancel() override {}

    const sim::Scenario &scenario() const { return m_scenario; }
    double speed() const { return m_speed; }
    bool isPaused() const { return m_paused; }
    /// When the scenario's duration is reached: start again (true) or pause (false, default).
    bool isLooping() const { return m_looping; }
    void setLooping(bool looping) { m_looping = looping; }
    QDateTime simulatedTime() const;

public Q_SLOTS:
    /// Simulated seconds per wall-clock second, clamped to 1–1000.
    void setSpeed(double factor);
    void pause();
    void resume();
    /// Pauses, advances one sample interval of simulated time and emits that sample.
    void step();
    /// Starts the scenario again from its beginning (same seed).
    void restart();

Q_SIGNALS:
    void pausedChanged(bool paused);
    void speedChanged(double speed);
    void simulatedTimeChanged(const QDateTime &time);
    /// The scenario reached its duration and does not loop.
    void finished();

private:
    void tick();
    void emitSample();

    sim::Scenario m_scenario;
    std::unique_ptr<sim::Simulator> m_sim;
    QTimer m_tickTimer;
    QTimer m_sampleTimer;
    QElapsedTimer m_wall;
    double m_speed = 1.0;
    double m_carry = 0.0; // simulated microseconds owed from earlier ticks
    bool m_paused = false;
    bool m_looping = false;
    int m_loops = 0;
};

} // namespace bs

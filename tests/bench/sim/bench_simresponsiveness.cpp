// Event-loop latency while the GUI thread runs a large simulation (issue 13): a SimBrokerSource
// on this thread at 1000×, a probe timer that should fire every 5 ms, and the longest time the
// event loop could not serve it. Memory from /proc/self/status. Figures in docs/performance.md.
#include "core/sim/simwhatif.h"
#include "data/sim/simbrokersource.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <ctime>

using namespace bs;
using namespace bs::sim;

namespace {

double vmHwmMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2 && parts.at(0) == "VmHWM:")
            return parts.at(1).toDouble() / 1024.0;
    }
    return 0;
}

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Measures how late a 5 ms timer fires: the lateness is the time the event loop was busy
// elsewhere. On a shared machine the wall-clock gap also holds time the thread waited for a
// core, so the probe also takes the thread's CPU time between two firings: a gap with more than
// 50 ms of CPU is work that kept this event loop from running.
class LatencyProbe : public QObject
{
public:
    static constexpr int PeriodMs = 5;

    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(PeriodMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.nsecsElapsed();
            m_clock.restart();
            const qint64 cpu = threadCpuNs();
            const qint64 busyMs = (cpu - m_cpu) / 1'000'000;
            m_cpu = cpu;
            const qint64 stallMs = gap / 1'000'000 - PeriodMs;
            m_maxStallMs = std::max(m_maxStallMs, stallMs);
            m_maxBusyMs = std::max(m_maxBusyMs, busyMs);
            if (busyMs > 50)
                ++m_over50;
            ++m_ticks;
        });
    }
    void start()
    {
        m_cpu = threadCpuNs();
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    /// Longest wall-clock gap beyond the period.
    qint64 maxStallMs() const { return m_maxStallMs; }
    /// Most CPU time this thread spent between two firings: the longest stall of our own making.
    qint64 maxBusyMs() const { return m_maxBusyMs; }
    /// Gaps with more than 50 ms of CPU.
    qint64 stallsOver50() const { return m_over50; }
    qint64 ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_cpu = 0;
    qint64 m_maxStallMs = 0;
    qint64 m_maxBusyMs = 0;
    qint64 m_over50 = 0;
    qint64 m_ticks = 0;
};

struct RunResult
{
    qint64 endpoints = 0;
    qint64 sent = 0;
    qint64 samples = 0;
    double wallSeconds = 0;
};

// Runs `source` at 1000× until `done(latest sample)` or `wallLimitMs`, probing the event loop.
template<typename Done>
RunResult runProbed(SimBrokerSource &source, LatencyProbe &probe, int wallLimitMs, Done done)
{
    RunResult r;
    bool finished = false;
    QObject::connect(&source, &BrokerSource::sampleReady, &source, [&](const MonitorSample &s) {
        ++r.samples;
        r.endpoints = s.endpointCount();
        r.sent = s.flow ? s.flow->sent : 0;
        if (done(s))
            finished = true;
    });
    QElapsedTimer wall;
    wall.start();
    probe.start();
    source.setSpeed(1000.0);
    source.startSampling(1000);
    while (!finished && wall.elapsed() < wallLimitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    probe.stop();
    source.stopSampling();
    r.wallSeconds = double(wall.elapsed()) / 1000.0;
    return r;
}

} // namespace

class BenchSimResponsiveness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leakToTenMillionEndpoints();
    void batchOfTwoMillionAtOnce();
};

// Fire-and-forget at 5,000 dialogs a second: CLOSED target endpoints whose security timestamp is
// never set pile up by 5,000 a simulated second, 10 million after about 33 simulated minutes.
void BenchSimResponsiveness::leakToTenMillionEndpoints()
{
    WhatIfOptions o;
    o.pattern = PatternKind::Naive;
    o.ratePerSecond = 5000.0;
    o.taskSeconds = 0.001;
    o.readers = 32; // 2 ms per dialog (task and EndDialog): 16,000 a second, so no backlog builds up
    o.durationSeconds = 4 * 3600.0;
    SimBrokerSource source(whatIfScenario(o));
    LatencyProbe probe;
    const double cpu0 = cpuSeconds();
    const RunResult r = runProbed(source, probe, 600'000, [](const MonitorSample &s) { return s.endpointCount() >= 10'000'000; });
    qInfo("naive leak to 10 M endpoints: %lld endpoints after %.1f s wall (%.1f s CPU), %lld samples; event loop "
          "blocked at most %lld ms of CPU (%lld ms wall), %lld gaps over 50 ms of CPU in %lld probe ticks; VmHWM %.0f MiB",
          r.endpoints, r.wallSeconds, cpuSeconds() - cpu0, r.samples, probe.maxBusyMs(), probe.maxStallMs(),
          probe.stallsOver50(), probe.ticks(), vmHwmMiB());
    QVERIFY(r.endpoints >= 10'000'000);
}

// A legal scenario: the windowed pattern's nightly batch of 2 million tasks sent at once (one
// transaction), 8 readers working it off.
void BenchSimResponsiveness::batchOfTwoMillionAtOnce()
{
    WhatIfOptions o;
    o.pattern = PatternKind::Windowed;
    o.batchSize = 2'000'000;
    o.ratePerSecond = 0; // all at once
    o.taskSeconds = 0.001;
    o.readers = 8;
    o.windowSeconds = 3600.0;
    o.durationSeconds = 2 * 3600.0;
    SimBrokerSource source(whatIfScenario(o));
    LatencyProbe probe;
    const double cpu0 = cpuSeconds();
    const RunResult r = runProbed(source, probe, 300'000, [](const MonitorSample &s) {
        return s.flow && s.flow->processed + s.flow->failed >= 200'000;
    });
    qInfo("batch of 2 M at once: %lld sent, %lld endpoints after %.1f s wall (%.1f s CPU), %lld samples; event loop "
          "blocked at most %lld ms of CPU (%lld ms wall), %lld gaps over 50 ms of CPU in %lld probe ticks; VmHWM %.0f MiB",
          r.sent, r.endpoints, r.wallSeconds, cpuSeconds() - cpu0, r.samples, probe.maxBusyMs(), probe.maxStallMs(),
          probe.stallsOver50(), probe.ticks(), vmHwmMiB());
    QVERIFY(r.sent >= 2'000'000);
}

int main(int argc, char **argv)
{
    qputenv("QTEST_FUNCTION_TIMEOUT", "3600000");
    QCoreApplication app(argc, argv);
    BenchSimResponsiveness bench;
    return QTest::qExec(&bench, argc, argv);
}

#include "bench_simresponsiveness.moc"

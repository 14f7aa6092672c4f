#include "core/sim/simulator.h"
#include "core/sim/simwhatif.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <ctime>

using namespace bs;
using namespace bs::sim;

namespace {

// Resident set size and its peak, in MiB, from /proc/self/status.
std::pair<double, double> memoryMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    double rss = 0;
    double hwm = 0;
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2 && parts.at(0) == "VmRSS:")
                rss = parts.at(1).toDouble() / 1024.0;
            if (parts.size() >= 2 && parts.at(0) == "VmHWM:")
                hwm = parts.at(1).toDouble() / 1024.0;
        }
    }
    return {rss, hwm};
}

// CPU time of this thread in seconds: the build machine is shared, so wall time alone overstates.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

WhatIfOptions keepFiring(double rate, double seconds)
{
    WhatIfOptions o;
    o.pattern = PatternKind::KeepFiring;
    o.ratePerSecond = rate;
    o.taskSeconds = 0.005; // 8 readers at 1,000 msg/s: 62 % busy
    o.taskDistribution = TaskDistribution::Exponential;
    o.readers = 8;
    o.poolSize = 8;
    o.recycleMessages = 10000;
    o.recycleSeconds = 600;
    o.durationSeconds = seconds;
    o.sampleIntervalSeconds = 1.0;
    return o;
}

} // namespace

class BenchSim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepFiringOneMinute();
    void keepFiringOneHour();
    void keepFiringReceiveTop_data();
    void keepFiringReceiveTop();
    void memoryOver24Hours();
    void naiveLeakMemoryPerEndpoint();
    void tenMillionEndpoints();
};

// QBENCHMARK over one simulated minute (60,000 tasks): Qt Test repeats it and reports the time
// per run; events per second follow from the event count printed alongside.
void BenchSim::keepFiringOneMinute()
{
    const Scenario s = whatIfScenario(keepFiring(1000.0, 60.0));
    qint64 events = 0;
    QBENCHMARK {
        Simulator sim(s);
        sim.run([](const MonitorSample &) { return true; });
        events = sim.eventsProcessed();
    }
    qInfo("keep-firing 1 min @ 1000 msg/s: %lld events per run", events);
    QVERIFY(events > 100000);
}

// One simulated hour of keep-firing at 1,000 msg/s with 8 readers: 3.6 million messages,
// sampled every simulated second. Target: under 3 s of wall time.
void BenchSim::keepFiringOneHour()
{
    const Scenario s = whatIfScenario(keepFiring(1000.0, 3600.0));
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    Simulator sim(s);
    sim.run([](const MonitorSample &) { return true; });
    const double cpu = cpuSeconds() - cpu0;
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    const qint64 events = sim.eventsProcessed();
    const qint64 processed = sim.flow().processed + sim.flow().failed;
    qInfo("keep-firing 1 h @ 1000 msg/s, 8 readers: %lld tasks, %lld events; %.3f s wall, %.3f s CPU = %.2f M events/s and "
          "%.2f M tasks/s per CPU second",
          processed, events, seconds, cpu, double(events) / cpu / 1e6, double(processed) / cpu / 1e6);
    QVERIFY(processed > 3500000);
}

// What RECEIVE TOP (n) buys (issue 16) and what it costs the simulator: keep-firing at 1,000 msg/s
// on a pool of 8 with 5 ms tasks and 2 ms for each RECEIVE transaction (its RECEIVE and COMMIT).
// One message per RECEIVE keeps 8 readers 7/8 busy; eight let a reader take what waits on its
// conversation in one transaction.
void BenchSim::keepFiringReceiveTop_data()
{
    QTest::addColumn<int>("top");
    QTest::newRow("TOP (1)") << 1;
    QTest::newRow("TOP (8)") << 8;
}

void BenchSim::keepFiringReceiveTop()
{
    QFETCH(int, top);
    WhatIfOptions o = keepFiring(1000.0, 600.0);
    o.receiveTop = top;
    o.receiveSeconds = 0.002;
    o.sampleIntervalSeconds = 10.0;
    const double cpu0 = cpuSeconds();
    const WhatIfResult r = runWhatIf(o);
    const double cpu = cpuSeconds() - cpu0;
    qInfo("keep-firing 10 min @ 1000 msg/s, pool 8, 8 readers, 5 ms tasks, 2 ms per RECEIVE, TOP (%d): %lld tasks, "
          "%.0f tasks/s; latency mean %.1f ms, p95 %.1f ms, p99 %.1f ms; %.3f s CPU",
          top, r.flow.processed + r.flow.failed, r.throughputPerSecond, r.latency.mean * 1000.0, r.latency.p95 * 1000.0,
          r.latency.p99 * 1000.0, cpu);
    QVERIFY(r.flow.processed > 500000);
}

// Memory grows with live endpoints and waiting messages, not with simulated time: the peak RSS
// after 1 h and after 24 h of the same keep-firing load should be the same.
void BenchSim::memoryOver24Hours()
{
    const Scenario s = whatIfScenario(keepFiring(1000.0, 24 * 3600.0));
    Simulator sim(s);
    const double cpu0 = cpuSeconds();
    for (int hour = 1; hour <= 24; ++hour) {
        sim.run([](const MonitorSample &) { return true; }, hour * Hour, Second);
        if (hour == 1 || hour == 6 || hour == 12 || hour == 24) {
            const auto [rss, hwm] = memoryMiB();
            qInfo("after %2d h: %lld endpoints, %lld tasks, VmRSS %.1f MiB, VmHWM %.1f MiB, %.1f s CPU", hour,
                  sim.endpointCount(), sim.flow().processed, rss, hwm, cpuSeconds() - cpu0);
        }
    }
    QVERIFY(sim.flow().processed > 86000000);
}

// The naive leak: memory follows the live endpoints (bytes per endpoint).
void BenchSim::naiveLeakMemoryPerEndpoint()
{
    WhatIfOptions o;
    o.pattern = PatternKind::Naive;
    o.ratePerSecond = 500.0;
    o.taskSeconds = 0.002;
    o.durationSeconds = 3600.0;
    const auto before = memoryMiB();
    Simulator sim(whatIfScenario(o));
    sim.run([](const MonitorSample &) { return true; }, -1, 60 * Second);
    const auto after = memoryMiB();
    const double perEndpoint = (after.first - before.first) * 1024.0 * 1024.0 / double(std::max<qint64>(1, sim.endpointCount()));
    qInfo("naive 1 h @ 500 msg/s: %lld endpoints alive, VmRSS %.1f -> %.1f MiB (%.0f bytes per endpoint)",
          sim.endpointCount(), before.first, after.first, perEndpoint);
    QVERIFY(sim.endpointCount() > 1700000);
}

// Issue 13's database: fire-and-forget at 5,000 dialogs a second until 10 million endpoints live
// (CLOSED target endpoints whose security timestamp is never set, 5,000 more a simulated second). Memory per live endpoint, the CPU time of one
// sample of them, and the longest single advance of one simulated second (no slicing).
void BenchSim::tenMillionEndpoints()
{
    WhatIfOptions o;
    o.pattern = PatternKind::Naive;
    o.ratePerSecond = 5000.0;
    o.taskSeconds = 0.001;
    o.readers = 32; // 2 ms per dialog (task and EndDialog): 16,000 a second, so no backlog builds up
    o.durationSeconds = 4 * 3600.0;
    const auto before = memoryMiB();
    const double cpu0 = cpuSeconds();
    Simulator sim(whatIfScenario(o));
    double longestSecond = 0;
    while (sim.endpointCount() < 10'000'000) {
        const double t0 = cpuSeconds();
        sim.advanceTo(sim.now() + Second);
        longestSecond = std::max(longestSecond, cpuSeconds() - t0);
    }
    const double runCpu = cpuSeconds() - cpu0;
    const auto after = memoryMiB();
    const double perEndpoint = (after.first - before.first) * 1024.0 * 1024.0 / double(sim.endpointCount());
    double sampleCpu = 1e9;
    MonitorSample s;
    for (int i = 0; i < 5; ++i) {
        const double t0 = cpuSeconds();
        s = sim.sample();
        sampleCpu = std::min(sampleCpu, cpuSeconds() - t0);
    }
    qInfo("naive leak to %lld endpoints in %.0f simulated s: %.1f s CPU, longest simulated second %.0f ms CPU; VmRSS "
          "%.1f -> %.1f MiB (%.0f bytes per endpoint; tables %.1f bytes), VmHWM %.1f MiB; one sample (%lld endpoint "
          "groups) %.3f ms CPU",
          sim.endpointCount(), double(sim.now()) / double(Second), runCpu, longestSecond * 1000.0, before.first,
          after.first, perEndpoint, double(sim.allocatedBytes()) / double(sim.endpointCount()), after.second,
          qint64(s.endpoints.size()), sampleCpu * 1000.0);
    QCOMPARE(s.endpointCount(), sim.endpointCount());
}

int main(int argc, char **argv)
{
    // The 24-hour run takes minutes on a busy machine: lift Qt Test's 5-minute watchdog.
    qputenv("QTEST_FUNCTION_TIMEOUT", "3600000");
    QCoreApplication app(argc, argv);
    BenchSim bench;
    return QTest::qExec(&bench, argc, argv);
}
#include "bench_sim.moc"

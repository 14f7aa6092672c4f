// One million CLOSED target endpoints whose security timestamp is never set (fire-and-forget at
// 5,000 dialogs a second), cleaned by CleanupRunner in batches of 1,000 with no pause: the rate of
// the whole tool side (statement per batch, the simulator's keyset walk and END … WITH CLEANUP,
// an audit row and the position written to SQLite per batch, progress) and the memory before,
// during and after. Run: build/ci/tests/bench/cleanup/bench_cleanup
#include "core/sim/simulator.h"
#include "core/sim/simwhatif.h"
#include "data/ops/cleanuprunner.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

// VmRSS and VmHWM (peak) in MiB, from /proc/self/status.
std::pair<double, double> memoryMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    double rss = 0, hwm = 0;
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

} // namespace

class BenchCleanup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneMillionLeakedEndpoints()
    {
        sim::WhatIfOptions o;
        o.pattern = sim::PatternKind::Naive;
        o.ratePerSecond = 5000.0;
        o.taskSeconds = 0.001;
        o.readers = 32;
        o.durationSeconds = 4 * 3600.0;
        const sim::Scenario scenario = sim::whatIfScenario(o);
        SimBrokerSource source(scenario);
        source.pause();
        sim::Simulator *s = source.simulator();
        while (s->endpointCount(EndpointState::CD) < 1'000'000)
            s->advanceTo(s->now() + sim::Second);
        const sim::WorkloadSpec &w = scenario.workloads.first();
        CleanupPlan plan;
        plan.localService = w.toService;
        plan.farService = w.fromService;
        for (const Service &svc : s->catalog().services) {
            for (const Queue &q : s->catalog().queues) {
                if (svc.name == w.toService && q.objectId == svc.queueId)
                    plan.queue = {q.schema, q.name};
            }
        }
        plan.pauseMs = 0;
        QElapsedTimer dryTimer;
        dryTimer.start();
        const CleanupCounts counts = s->cleanupCount(plan);
        const qint64 dryMs = dryTimer.elapsed();
        const qint64 leaked = counts.toEnd();
        QVERIFY(leaked >= 1'000'000);

        QTemporaryDir dir;
        OperationPath path(source.operations());
        QVERIFY(path.openAudit(dir.filePath(QStringLiteral("history.sqlite"))));
        CleanupRunner runner(&path);
        double peakDuring = 0;
        connect(&runner, &CleanupRunner::progressChanged, &runner, [&peakDuring](const CleanupProgress &) {
            peakDuring = std::max(peakDuring, memoryMiB().first);
        });
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        const auto before = memoryMiB();
        QElapsedTimer t;
        t.start();
        QVERIFY(runner.start(plan, counts.matching()));
        QVERIFY(finished.wait(600000));
        const double seconds = double(t.nsecsElapsed()) / 1e9;
        const auto after = memoryMiB();
        QCOMPARE(runner.run().totals.endedWithCleanup, leaked);
        QCOMPARE(s->cleanupCount(plan).toEnd(), 0);
        qInfo("dry run of %lld endpoints: %lld ms", counts.matching(), dryMs);
        qInfo("cleaned %lld endpoints in %lld batches of %d: %.2f s = %.0f handles/s (batch work %lld ms, the rest is "
              "audit, history file, progress and the event loop)",
              leaked, runner.run().batches, plan.batchSize, seconds, double(leaked) / seconds, runner.progress().workMs);
        qInfo("VmRSS before %.1f MiB, highest during %.1f MiB, after %.1f MiB; VmHWM (peak of the process, the "
              "simulation included) %.1f MiB", before.first, peakDuring, after.first, after.second);
    }
};

QTEST_GUILESS_MAIN(BenchCleanup)
#include "bench_cleanup.moc"

// What designs need of the simulator (issue 16): RECEIVE TOP (n) batching, conversation timers
// and queue RETENTION, each against figures computed by hand in the comments.
#include "core/sim/simcontext.h"
#include "core/sim/simulator.h"
#include "core/sim/simwhatif.h"

#include <QTest>

#include <cmath>

using namespace bs;
using namespace bs::sim;

namespace {

// Keep-firing without recycling: `pool` conversations, `readers` readers, tasks of `taskSeconds`.
WhatIfOptions keepFiring(int readers, int pool, double taskSeconds, TaskDistribution distribution)
{
    WhatIfOptions o;
    o.pattern = PatternKind::KeepFiring;
    o.taskSeconds = taskSeconds;
    o.taskDistribution = distribution;
    o.readers = readers;
    o.poolSize = pool;
    o.recycleMessages = 0;
    o.recycleSeconds = 0;
    o.sampleIntervalSeconds = 1.0;
    return o;
}

// Keep-firing on one reused conversation with one reader: every message is in one conversation
// group, so only batching can take several at once. Fixed 1 ms tasks, 9 ms per RECEIVE transaction.
WhatIfOptions oneConversation(int receiveTop)
{
    WhatIfOptions o = keepFiring(1, 1, 0.001, TaskDistribution::Fixed);
    o.poissonArrivals = false;
    o.receiveSeconds = 0.009;
    o.receiveTop = receiveTop;
    return o;
}

// Keep-firing on one conversation at 10 tasks/s, sent at 0.05 + k × 0.1 s, fixed 1 ms tasks,
// with BEGIN CONVERSATION TIMER (TIMEOUT = 30.02 s) on one side of every dialog. The first dialog
// starts at 0.05 s, so its timer fires at T1 = 30.07 s, between two sends; the dialog is closed
// within 3 ms (1 ms per system message), the next send (30.15 s) opens the next dialog, whose
// timer fires 30.1 s after the previous one: Tn = 30.07 + 30.1 × (n - 1).
Scenario timedConversations(bool onTarget)
{
    WhatIfOptions o = keepFiring(1, 1, 0.001, TaskDistribution::Fixed);
    o.poissonArrivals = false;
    o.ratePerSecond = 10.0;
    o.durationSeconds = 400;
    Scenario s = whatIfScenario(o);
    s.workloads[0].startSeconds = 0.05;
    s.workloads[0].pattern.timerSeconds = 30.02;
    s.workloads[0].pattern.timerOnTarget = onTarget;
    return s;
}

qint64 counter(const MonitorSample &s, const char *name)
{
    for (const PerfCounter &c : s.counters) {
        if (c.counter == QLatin1String(name))
            return c.value;
    }
    return -1;
}

qint64 depth(Simulator &sim, const char *queue)
{
    const MonitorSample s = sim.sample();
    const QueueSample *q = s.queue(QStringLiteral("dbo"), QLatin1String(queue));
    return q ? q->depth : -1;
}

} // namespace

class TestSimDesignFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void receiveTopBatchLatency_data();
    void receiveTopBatchLatency();
    void receiveTopThroughput();
    void batchRollsBackAsOne();
    void conversationTimerClosesDialogs_data();
    void conversationTimerClosesDialogs();
    void retentionKeepsMessagesUntilTheEnd_data();
    void retentionKeepsMessagesUntilTheEnd();
    void poolAdviceAtThreeQuartersLoad();
};

void TestSimDesignFeatures::receiveTopBatchLatency_data()
{
    QTest::addColumn<int>("top");
    QTest::addColumn<double>("meanSeconds");
    QTest::addColumn<double>("lastDoneSeconds");
    // 100 tasks sent at t = 0 in one transaction; the reader starts at once (activation case a).
    // TOP (1): task i commits at i × (9 + 1) ms: mean 10 × 50.5 = 505 ms, last at 1.000 s.
    QTest::newRow("TOP (1)") << 1 << 0.505 << 1.000;
    // TOP (10): batch b (10 tasks) commits at b × (9 + 10 × 1) ms: mean 19 × 5.5 = 104.5 ms,
    // last at 10 × 19 = 190 ms.
    QTest::newRow("TOP (10)") << 10 << 0.1045 << 0.190;
    // TOP (30): batches of 30, 30, 30, 10 commit at 39, 78, 117, 136 ms:
    // mean (30 × (39 + 78 + 117) + 10 × 136) / 100 = 83.8 ms.
    QTest::newRow("TOP (30)") << 30 << 0.0838 << 0.136;
}

void TestSimDesignFeatures::receiveTopBatchLatency()
{
    QFETCH(int, top);
    QFETCH(double, meanSeconds);
    QFETCH(double, lastDoneSeconds);
    WhatIfOptions o = oneConversation(top);
    o.batchSize = 100;
    o.ratePerSecond = 0; // all in one transaction
    o.durationSeconds = 10;
    Simulator sim(whatIfScenario(o));
    sim.advanceTo(toSimTime(lastDoneSeconds) - 1);
    QCOMPARE(sim.flow().processed, 100 - std::min(top, 10)); // the last batch holds min(top, 10)
    sim.advanceTo(toSimTime(lastDoneSeconds));
    QCOMPARE(sim.flow().processed, 100);
    const LatencyStats l = sim.totalLatency();
    QCOMPARE(l.samples, 100);
    QVERIFY2(std::abs(l.mean - meanSeconds) < 1e-9, qPrintable(QString::number(l.mean, 'f', 6)));
    // One RECEIVE per batch: SQL RECEIVE Total counts statements.
    QCOMPARE(counter(sim.sample(), "SQL RECEIVE Total"), qint64((100 + top - 1) / top));
}

void TestSimDesignFeatures::receiveTopThroughput()
{
    // Sent at 1,000/s, far above what one reader does: the queue never drains, every RECEIVE is
    // full. TOP (1): 1 task per 10 ms = 100/s. TOP (10): 10 tasks per 19 ms = 526.3/s.
    auto throughput = [](int top) {
        WhatIfOptions o = oneConversation(top);
        o.ratePerSecond = 1000.0;
        o.durationSeconds = 60.0;
        const WhatIfResult r = runWhatIf(o);
        double done = 0;
        for (const WhatIfPoint &p : r.points) {
            if (p.seconds > 10)
                done += double(p.latency.samples);
        }
        return done / 50.0;
    };
    const double one = throughput(1);
    const double ten = throughput(10);
    QVERIFY2(std::abs(one - 100.0) <= 1.0, qPrintable(QString::number(one)));
    QVERIFY2(std::abs(ten - 10.0 / 0.019) <= 5.3, qPrintable(QString::number(ten)));
}

void TestSimDesignFeatures::batchRollsBackAsOne()
{
    // A naive procedure that rolls back on failure; task 3 always fails. TOP (1): tasks 1 and 2
    // commit, then the RECEIVE of task 3 rolls back five times and the queue is disabled.
    // TOP (10): the first batch (tasks 1–10) holds task 3, so the whole batch rolls back five
    // times: nothing is processed, the poison count is per RECEIVE rollback.
    auto run = [](int top) {
        WhatIfOptions o = oneConversation(top);
        o.batchSize = 20;
        o.ratePerSecond = 0;
        o.durationSeconds = 10;
        o.delivery = TaskDelivery::RollbackOnFailure;
        Scenario s = whatIfScenario(o);
        s.workloads[0].task.poisonMessage = 3;
        Simulator sim(s);
        sim.advanceTo(sim.duration());
        const QueueSample *q = sim.sample().queue(QStringLiteral("dbo"), QStringLiteral("WhatIfTargetQueue"));
        return std::make_tuple(sim.flow(), q ? q->isReceiveEnabled : true, q ? q->depth : -1);
    };
    const auto [one, oneEnabled, oneDepth] = run(1);
    QCOMPARE(one.processed, 2);
    QCOMPARE(one.rollbacks, 5);
    QVERIFY(!oneEnabled);
    QCOMPARE(oneDepth, 18);
    const auto [ten, tenEnabled, tenDepth] = run(10);
    QCOMPARE(ten.processed, 0);
    QCOMPARE(ten.rollbacks, 5);
    QVERIFY(!tenEnabled);
    QCOMPARE(tenDepth, 20);
}

void TestSimDesignFeatures::conversationTimerClosesDialogs_data()
{
    QTest::addColumn<bool>("onTarget");
    // Target: the DialogTimer reaches the target queue; the target ENDs, the initiator's
    // activation ENDs on EndDialog. Initiator: the DialogTimer reaches the initiator queue; it
    // sends EndOfStream, the target ENDs first, the initiator ENDs on EndDialog.
    QTest::newRow("target") << true;
    QTest::newRow("initiator") << false;
}

void TestSimDesignFeatures::conversationTimerClosesDialogs()
{
    QFETCH(bool, onTarget);
    Simulator sim(timedConversations(onTarget));
    const SimTime t1 = toSimTime(30.07);
    sim.advanceTo(t1 - 1);
    QCOMPARE(sim.endpointCount(EndpointState::CO), 2);
    const qint64 receivesBefore = counter(sim.sample(), "SQL RECEIVE Total");
    sim.advanceTo(t1);
    // At T1 exactly the DialogTimer is in the queue and its side's procedure has received it.
    QCOMPARE(counter(sim.sample(), "SQL RECEIVE Total"), receivesBefore + 1);
    QCOMPARE(sim.endpointCount(EndpointState::CO), 2);
    sim.advanceTo(t1 + 10 * Millisecond);
    // Closed: the initiator endpoint is gone, the target's stays CLOSED for its 30-min stamp.
    QCOMPARE(sim.endpointCount(EndpointState::CO), 0);
    QCOMPARE(sim.endpointCount(EndpointState::CD), 1);
    QCOMPARE(sim.endpointCount(), 1);
    // By 302 s timers fired at T1..T10 (T10 = 300.97 s); dialog 11 opened at 301.05 s.
    sim.advanceTo(302 * Second);
    QCOMPARE(sim.endpointCount(EndpointState::CD), 10);
    QCOMPARE(sim.endpointCount(EndpointState::CO), 2);
    QCOMPARE(sim.endpointCount(), 12);
    // Every task sent (0.05 ... 301.95 s: 3,020) was processed; none went to a closed dialog.
    QCOMPARE(sim.flow().sent, 3020);
    QCOMPARE(sim.flow().processed, 3020);
    QCOMPARE(sim.flow().lost, 0);
}

void TestSimDesignFeatures::retentionKeepsMessagesUntilTheEnd_data()
{
    QTest::addColumn<bool>("retention");
    QTest::newRow("RETENTION = OFF") << false;
    QTest::newRow("RETENTION = ON") << true;
}

void TestSimDesignFeatures::retentionKeepsMessagesUntilTheEnd()
{
    QFETCH(bool, retention);
    Scenario s = timedConversations(true);
    for (Queue &q : s.catalog.queues)
        q.isRetentionEnabled = retention;
    Simulator sim(s);
    // Just before T1: dialog 1 carried the sends at 0.05 ... 30.05 s (301 tasks), all received.
    // With RETENTION the target queue keeps them (status 0) and the initiator queue keeps a
    // copy of each sent one (status 3): 301 rows each. Without, both queues are empty.
    sim.advanceTo(toSimTime(30.07) - 1);
    QCOMPARE(depth(sim, "WhatIfTargetQueue"), retention ? 301 : 0);
    QCOMPARE(depth(sim, "WhatIfInitiatorQueue"), retention ? 301 : 0);
    // The timer ends the conversation on both sides: the retained rows go with it.
    sim.advanceTo(toSimTime(30.08));
    QCOMPARE(depth(sim, "WhatIfTargetQueue"), 0);
    QCOMPARE(depth(sim, "WhatIfInitiatorQueue"), 0);
    // At 60 s dialog 2 has carried the sends at 30.15 ... 59.95 s: 299 tasks.
    sim.advanceTo(60 * Second);
    QCOMPARE(depth(sim, "WhatIfTargetQueue"), retention ? 299 : 0);
    QCOMPARE(depth(sim, "WhatIfInitiatorQueue"), retention ? 299 : 0);
    QCOMPARE(sim.flow().processed, 600); // retention changes what is kept, not what is done
}

void TestSimDesignFeatures::poolAdviceAtThreeQuartersLoad()
{
    // Poisson arrivals at 30/s, exponential 0.1 s tasks, 4 readers: 75 % load.
    // One shared queue (M/M/4, Erlang C with a = 3): P0 = 1 / (13 + 13.5), C = 13.5 / 26.5 =
    // 0.509, W = 0.1 s + C / (40/s − 30/s) = 0.1509 s.
    // A pool of 4: each conversation gets every 4th arrival (Erlang-4 gaps at 7.5/s) and is served
    // by one reader at a time, an E4/M/1 queue: σ = (3 / (4 − σ))^4 gives σ = 0.6223, and
    // W = 0.1 s / (1 − σ) = 0.2648 s, 1.75 × the shared figure.
    WhatIfOptions o = keepFiring(4, 4, 0.1, TaskDistribution::Exponential);
    o.ratePerSecond = 30.0;
    o.durationSeconds = 4 * 3600.0;
    o.sampleIntervalSeconds = 60.0;
    const PoolAdvice a = advisePool(o);
    const QString figures = QStringLiteral("shared %1 s, pool of 4 %2 s, suggested %3 at %4 s")
                                .arg(a.sharedLatencySeconds).arg(a.chosenLatencySeconds).arg(a.suggestedPool).arg(a.suggestedLatencySeconds);
    qInfo("%s", qPrintable(figures));
    QVERIFY2(std::abs(a.sharedLatencySeconds - 0.1509) <= 0.05 * 0.1509, qPrintable(figures));
    QVERIFY2(std::abs(a.chosenLatencySeconds - 0.2648) <= 0.05 * 0.2648, qPrintable(figures));
    QVERIFY2(a.suggestedPool > 4 && a.suggestedLatencySeconds <= 1.1 * a.sharedLatencySeconds, qPrintable(figures));
    QVERIFY(a.message.contains(QStringLiteral("A pool of %1").arg(a.suggestedPool)));
    // A pool already that large gets no advice.
    o.poolSize = a.suggestedPool;
    QVERIFY(advisePool(o).message.isEmpty());
}

QTEST_GUILESS_MAIN(TestSimDesignFeatures)
#include "tst_simdesignfeatures.moc"

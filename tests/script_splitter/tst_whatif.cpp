#include "core/script/whatif.h"
#include "core/sim/simwhatif.h"

#include <QTest>

#include <cmath>

using namespace bs;

namespace {

PatternOptions options(Pattern pattern, int readers, int window, int pool, int recycleMessages, int recycleSeconds)
{
    PatternOptions o;
    o.pattern = pattern;
    o.maxQueueReaders = readers;
    o.windowSeconds = window;
    o.poolSize = pool;
    o.recycleAfterMessages = recycleMessages;
    o.recycleAfterSeconds = recycleSeconds;
    return o;
}

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void steadyState_data();
    void steadyState();
    void window_data();
    void window();
    void receiveCostIsShared_data();
    void receiveCostIsShared();
    void simulationOptions_data();
    void simulationOptions();
    void simulationShowsWhatABatchBuys();
};

void TestWhatIf::steadyState_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<int>("readers");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("recycleMessages");
    QTest::addColumn<int>("recycleSeconds");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("task");
    QTest::addColumn<bool>("bounded");
    QTest::addColumn<double>("endpoints");
    QTest::addColumn<double>("throughput");
    QTest::addColumn<double>("growthPerHour");

    const int windowed = int(Pattern::Windowed);
    const int keep = int(Pattern::KeepFiring);
    const int tef = int(Pattern::TargetEndsFirst);
    const int naive = int(Pattern::NaiveTeaching);
    // λ × window
    QTest::newRow("windowed 10/s, 1 h") << windowed << 4 << 3600 << 4 << 0 << 0 << 10.0 << 0.1 << true << 36000.0
                                        << 10.0 << 0.0;
    QTest::newRow("windowed 0.5/s, 10 min") << windowed << 8 << 600 << 4 << 0 << 0 << 0.5 << 2.0 << true << 300.0
                                            << 0.5 << 0.0;
    // 4 readers × 1 task/s = capacity 4/s < 10/s: the backlog grows by 6/s.
    QTest::newRow("windowed overloaded") << windowed << 4 << 3600 << 4 << 0 << 0 << 10.0 << 1.0 << false << 36000.0
                                         << 4.0 << 6.0 * 3600.0;
    // Recycle by time (3600 s) comes before 10,000 × 4 ÷ 1 = 40,000 s: 2×4 + 4×1800/3600 = 10.
    QTest::newRow("keep-firing time recycle") << keep << 4 << 0 << 4 << 10000 << 3600 << 1.0 << 0.1 << true << 10.0
                                              << 1.0 << 0.0;
    // Message limit: 1000 × 4 ÷ 100 = 40 s; 2×4 + 4×1800/40 = 188.
    QTest::newRow("keep-firing message recycle") << keep << 4 << 0 << 4 << 1000 << 3600 << 100.0 << 0.01 << true
                                                 << 188.0 << 100.0 << 0.0;
    // Pool 2 with 8 readers: only 2 work at once, capacity 2 ÷ 0.5 = 4/s.
    QTest::newRow("keep-firing pool caps parallelism") << keep << 8 << 0 << 2 << 10000 << 3600 << 3.0 << 0.5 << true
                                                       << 4.0 + 2.0 * 1800.0 / 3600.0 << 3.0 << 0.0;
    // λ × 1800 + 2 × λ × task = 2 × 1800 + 2 × 2 × 0.5 = 3602.
    QTest::newRow("target ends first") << tef << 4 << 0 << 4 << 0 << 0 << 2.0 << 0.5 << true << 3602.0 << 2.0 << 0.0;
    QTest::newRow("naive grows") << naive << 4 << 0 << 4 << 0 << 0 << 5.0 << 0.1 << false << 0.0 << 5.0 << 18000.0;
}

void TestWhatIf::steadyState()
{
    QFETCH(int, pattern);
    QFETCH(int, readers);
    QFETCH(int, window);
    QFETCH(int, pool);
    QFETCH(int, recycleMessages);
    QFETCH(int, recycleSeconds);
    QFETCH(double, rate);
    QFETCH(double, task);
    QFETCH(bool, bounded);
    QFETCH(double, endpoints);
    QFETCH(double, throughput);
    QFETCH(double, growthPerHour);

    Workload load;
    load.messagesPerSecond = rate;
    load.taskSeconds = task;
    const SteadyStateEstimate e = estimateSteadyState(
        options(Pattern(pattern), readers, window, pool, recycleMessages, recycleSeconds), load);
    QCOMPARE(e.bounded, bounded);
    if (Pattern(pattern) != Pattern::NaiveTeaching)
        QCOMPARE(e.endpoints, endpoints);
    QCOMPARE(e.throughputPerSecond, throughput);
    QCOMPARE(e.growthPerHour, growthPerHour);
    QCOMPARE(e.overloaded, rate > e.capacityPerSecond);
    QVERIFY(!e.formula.isEmpty());
}

void TestWhatIf::window_data()
{
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("readers");
    QTest::addColumn<double>("task");
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("minimum");
    QTest::addColumn<int>("suggested");
    QTest::addColumn<bool>("tooShort");
    QTest::addColumn<bool>("belowSuggested");

    // 1000 ÷ 4 × 2 s + 5 × 3 = 515 s; twice is 1030 → 1080 (18 min).
    QTest::newRow("comfortable") << 1000 << 4 << 2.0 << 3600 << 515.0 << 1080 << false << false;
    QTest::newRow("too short") << 1000 << 4 << 2.0 << 300 << 515.0 << 1080 << true << false;
    QTest::newRow("exactly the minimum is tight") << 1000 << 4 << 2.0 << 515 << 515.0 << 1080 << false << true;
    // One reader: no ramp-up term. 10 × 1 = 10 s; suggestion never below a minute.
    QTest::newRow("one reader small batch") << 10 << 1 << 1.0 << 60 << 10.0 << 60 << false << false;
    // 32 readers: 5 × 31 = 155 s of ramp-up dominate 100 ÷ 32 × 0.1.
    QTest::newRow("many readers ramp-up") << 100 << 32 << 0.1 << 120 << 100.0 / 32.0 * 0.1 + 155.0 << 360 << true
                                          << false;
}

void TestWhatIf::window()
{
    QFETCH(int, batch);
    QFETCH(int, readers);
    QFETCH(double, task);
    QFETCH(int, window);
    QFETCH(double, minimum);
    QFETCH(int, suggested);
    QFETCH(bool, tooShort);
    QFETCH(bool, belowSuggested);

    Workload load;
    load.batchSize = batch;
    load.taskSeconds = task;
    const WindowAdvice a = adviseWindow(options(Pattern::Windowed, readers, window, 4, 0, 0), load);
    QVERIFY(std::abs(a.minimumSeconds - minimum) < 1e-9);
    QCOMPARE(a.suggestedSeconds, suggested);
    QCOMPARE(a.tooShort, tooShort);
    QCOMPARE(a.belowSuggested, belowSuggested);
    QCOMPARE(a.message.isEmpty(), !tooShort && !belowSuggested);
}

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"

void TestWhatIf::receiveCostIsShared_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<int>("messagesPerReceive");
    QTest::addColumn<int>("tasksPerReceive");
    QTest::addColumn<double>("capacity");
    // 4 readers, 1 ms tasks, 9 ms per RECEIVE transaction. One at a time: 4 ÷ 10 ms = 400/s.
    QTest::newRow("keep-firing, 1") << int(Pattern::KeepFiring) << 1 << 1 << 400.0;
    // TOP (10) on a pooled conversation: 4 ÷ (1 + 9 ÷ 10) ms = 2105.26/s.
    QTest::newRow("keep-firing, 10") << int(Pattern::KeepFiring) << 10 << 10 << 4.0 / 0.0019;
    // One dialog per task: a RECEIVE returns one conversation group, one task, whatever TOP says.
    QTest::newRow("windowed, 10") << int(Pattern::Windowed) << 10 << 1 << 400.0;
    QTest::newRow("target ends first, 10") << int(Pattern::TargetEndsFirst) << 10 << 1 << 400.0;
}

void TestWhatIf::receiveCostIsShared()
{
    QFETCH(int, pattern);
    QFETCH(int, messagesPerReceive);
    QFETCH(int, tasksPerReceive);
    QFETCH(double, capacity);
    PatternOptions o = options(Pattern(pattern), 4, 3600, 4, 10000, 3600);
    o.messagesPerReceive = messagesPerReceive;
    QCOMPARE(bs::tasksPerReceive(o), tasksPerReceive);
    Workload load;
    load.messagesPerSecond = 1000.0;
    load.taskSeconds = 0.001;
    load.receiveSeconds = 0.009;
    const SteadyStateEstimate e = estimateSteadyState(o, load);
    QVERIFY2(std::abs(e.capacityPerSecond - capacity) < 1e-9 * capacity, qPrintable(QString::number(e.capacityPerSecond)));
    QCOMPARE(e.overloaded, capacity < 1000.0);
    // Without a RECEIVE cost the batch changes nothing: 4 ÷ 1 ms.
    load.receiveSeconds = 0.0;
    QVERIFY(std::abs(estimateSteadyState(o, load).capacityPerSecond - 4000.0) < 1e-9);
}

void TestWhatIf::simulationOptions_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<int>("kind");
    QTest::newRow("windowed") << int(Pattern::Windowed) << int(sim::PatternKind::Windowed);
    QTest::newRow("keep-firing") << int(Pattern::KeepFiring) << int(sim::PatternKind::KeepFiring);
    QTest::newRow("target ends first") << int(Pattern::TargetEndsFirst) << int(sim::PatternKind::TargetEndsFirst);
    QTest::newRow("naive") << int(Pattern::NaiveTeaching) << int(sim::PatternKind::Naive);
}

// What the wizard's Simulate button runs: every option that the simulator models, mapped.
void TestWhatIf::simulationOptions()
{
    QFETCH(int, pattern);
    QFETCH(int, kind);
    PatternOptions o = options(Pattern(pattern), 6, 900, 12, 500, 700);
    o.messagesPerReceive = 8;
    o.delivery = DeliveryMode::AtMostOnce;
    Workload load;
    load.messagesPerSecond = 25.0;
    load.taskSeconds = 0.2;
    load.receiveSeconds = 0.004;
    const sim::WhatIfOptions s = whatIfSimulationOptions(o, load, 3600.0);
    QCOMPARE(int(s.pattern), kind);
    QCOMPARE(s.receiveTop, 8);
    QCOMPARE(s.receiveSeconds, 0.004);
    QCOMPARE(s.ratePerSecond, 25.0);
    QCOMPARE(s.taskSeconds, 0.2);
    QCOMPARE(s.delivery, sim::TaskDelivery::AtMostOnce);
    QCOMPARE(s.readers, 6);
    QCOMPARE(s.windowSeconds, 900.0);
    QCOMPARE(s.poolSize, 12);
    QCOMPARE(s.recycleMessages, qint64(500));
    QCOMPARE(s.recycleSeconds, 700.0);
    QCOMPARE(s.durationSeconds, 3600.0);
    QCOMPARE(s.sampleIntervalSeconds, 9.0); // about 400 points
    // The simulator's scenario takes it as the target's RECEIVE TOP (n).
    const sim::Scenario scenario = sim::whatIfScenario(s);
    QCOMPARE(scenario.workloads.size(), 1);
    QCOMPARE(scenario.workloads.first().task.receiveTop, 8);
    QCOMPARE(scenario.workloads.first().task.receiveSeconds, 0.004);
    o.messagesPerReceive = 1;
    o.delivery = DeliveryMode::InReceiveTransaction;
    const sim::WhatIfOptions one = whatIfSimulationOptions(o, load, 3600.0);
    QCOMPARE(one.receiveTop, 1);
    QCOMPARE(one.delivery, sim::TaskDelivery::InTransaction);
}

// Keep-firing on one conversation and one reader, 300 tasks/s of 1 ms, 9 ms per RECEIVE
// transaction. One per RECEIVE: 1 ÷ 10 ms = 100/s, far below the arrivals. Eight: up to
// 1 ÷ (1 + 9 ÷ 8) ms = 470/s, so all 300/s get done.
void TestWhatIf::simulationShowsWhatABatchBuys()
{
    auto throughput = [](int n) {
        PatternOptions o = options(Pattern::KeepFiring, 1, 3600, 1, 1000000, 3600);
        o.messagesPerReceive = n;
        Workload load;
        load.messagesPerSecond = 300.0;
        load.taskSeconds = 0.001;
        load.receiveSeconds = 0.009;
        return sim::runWhatIf(whatIfSimulationOptions(o, load, 120.0)).throughputPerSecond;
    };
    const double one = throughput(1);
    const double eight = throughput(8);
    QVERIFY2(one > 85.0 && one < 101.0, qPrintable(QString::number(one)));
    QVERIFY2(eight > 285.0 && eight < 305.0, qPrintable(QString::number(eight)));
}

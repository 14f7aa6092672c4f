#include "core/script/whatif.h"

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

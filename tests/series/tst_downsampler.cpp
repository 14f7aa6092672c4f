#include "core/series/downsampler.h"

#include <QRandomGenerator>
#include <QSemaphore>
#include <QThreadPool>
#include <QTest>

using namespace bs;

Q_DECLARE_METATYPE(bs::TimeSeries)

namespace {

// "1 2 _ 4": values at t = 0, 1, 2, ... with "_" for a gap marker.
TimeSeries parse(const QString &text, qint64 step = 1)
{
    TimeSeries s;
    qint64 t = 0;
    for (const QString &token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (token == QLatin1String("_"))
            s.appendGap(t);
        else
            s.append(t, token.toDouble());
        t += step;
    }
    return s;
}

QString print(const QList<SeriesPoint> &points)
{
    QStringList out;
    for (const SeriesPoint &p : points)
        out.append(p.isGap() ? QStringLiteral("%1:_").arg(p.timeMs) : QStringLiteral("%1:%2").arg(p.timeMs).arg(p.value));
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestDownsampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gapsNeverBecomeZeros();
    void automaticGapAfterLongStep();
    void minMax_data();
    void minMax();
    void extremesKeptAndOutputBounded_data();
    void extremesKeptAndOutputBounded();
    void deterministic();
    void blockSummariesMatchAPlainScan_data();
    void blockSummariesMatchAPlainScan();
    void minMaxEachMatchesMinMax();
    void minMaxEachDoesNotWaitForABusyPool();
    void outOfOrderRefused();
    void removeBefore();
};

void TestDownsampler::gapsNeverBecomeZeros()
{
    TimeSeries s = parse(QStringLiteral("5 _ _ 7"));
    QCOMPARE(s.size(), 3); // two gaps in a row collapse into one marker
    QVERIFY(s.isGapAt(1));
    const auto range = s.valueRange(0, 10);
    QCOMPARE(range.first, 5.0);
    QCOMPARE(range.second, 7.0);
}

void TestDownsampler::automaticGapAfterLongStep()
{
    TimeSeries s;
    s.setGapThresholdMs(15000);
    s.append(0, 1);
    s.append(5000, 2);
    s.append(60000, 3); // the poller was away for 55 s
    QCOMPARE(s.size(), 4);
    QVERIFY(s.isGapAt(2));
    QCOMPARE(s.timeAt(2), 5001);
    QCOMPARE(print(Downsampler::raw(s, 0, 60000)), QStringLiteral("0:1 5000:2 5001:_ 60000:3"));
}

void TestDownsampler::minMax_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<QString>("expected");

    // 12 points over [0, 11] in 3 buckets of 4.
    QTest::newRow("min then max per bucket")
        << QStringLiteral("1 9 3 4  5 0 6 6  2 2 8 1") << 3
        << QStringLiteral("0:1 1:9 5:0 6:6 10:8 11:1");
    QTest::newRow("max before min keeps time order")
        << QStringLiteral("9 1 3 4  1 1 1 1  1 1 1 1") << 3
        << QStringLiteral("0:9 1:1 4:1 8:1");
    QTest::newRow("gap inside a bucket stays a gap")
        << QStringLiteral("1 2 _ 4  5 6 7 8  9 9 9 9") << 3
        << QStringLiteral("0:1 1:2 2:_ 3:4 4:5 7:8 8:9");
    QTest::newRow("gap spanning buckets breaks the line")
        << QStringLiteral("1 2 3 _  _ _ _ _  _ _ 8 9") << 2
        << QStringLiteral("0:1 2:3 3:_ 10:8 11:9");
    QTest::newRow("short gap closing inside a column merges")
        << QStringLiteral("1 _ 2 _ 3 4  5 6 7 8 9 1") << 2
        << QStringLiteral("0:1 1:_ 2:2 5:4 10:9 11:1");
    QTest::newRow("gap left open at the end of a column")
        << QStringLiteral("1 _ 3 _  _ _ 7 8  1 2 3 4") << 3
        << QStringLiteral("0:1 1:_ 2:3 3:_ 6:7 7:8 8:1 11:4");
    QTest::newRow("few points come back unchanged")
        << QStringLiteral("1 _ 3") << 3
        << QStringLiteral("0:1 1:_ 2:3");
    QTest::newRow("only gaps")
        << QStringLiteral("_ _ _") << 2
        << QString();
}

void TestDownsampler::minMax()
{
    QFETCH(QString, input);
    QFETCH(int, buckets);
    QFETCH(QString, expected);
    const TimeSeries s = parse(input);
    QCOMPARE(print(Downsampler::minMax(s, 0, s.isEmpty() ? 1 : s.lastTime(), buckets)), expected);
}

void TestDownsampler::extremesKeptAndOutputBounded_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<int>("gapEvery"); // 0 = no gaps

    QTest::newRow("day at 1 s, 1920 px") << 86400 << 1920 << 0;
    QTest::newRow("day at 1 s with frequent gaps") << 86400 << 1920 << 97;
    QTest::newRow("gap at every other point") << 20000 << 300 << 2;
    QTest::newRow("one pixel") << 5000 << 1 << 13;
}

void TestDownsampler::extremesKeptAndOutputBounded()
{
    QFETCH(int, points);
    QFETCH(int, buckets);
    QFETCH(int, gapEvery);
    QRandomGenerator rng(42);
    TimeSeries s;
    for (int i = 0; i < points; ++i) {
        if (gapEvery > 0 && i % gapEvery == gapEvery - 1)
            s.appendGap(i * 1000);
        else
            s.append(i * 1000, rng.bounded(1000.0));
    }
    // Plant the extremes where a naive "every n-th point" would skip them.
    s.append(qint64(points) * 1000, 5000.0);
    s.append(qint64(points) * 1000 + 1000, -5000.0);
    s.append(qint64(points) * 1000 + 2000, 10.0);

    const qint64 from = 0;
    const qint64 to = s.lastTime();
    const QList<SeriesPoint> out = Downsampler::minMax(s, from, to, buckets);
    QVERIFY2(out.size() <= qsizetype(buckets) * Downsampler::MaxPointsPerBucket + 2,
             qPrintable(QString::number(out.size())));
    const auto [lo, hi] = s.valueRange(from, to);
    double outLo = 1e300, outHi = -1e300;
    for (const SeriesPoint &p : out) {
        if (p.isGap())
            continue;
        outLo = std::min(outLo, p.value);
        outHi = std::max(outHi, p.value);
    }
    QCOMPARE(outLo, lo);
    QCOMPARE(outHi, hi);
    for (qsizetype i = 1; i < out.size(); ++i)
        QVERIFY(out[i - 1].timeMs <= out[i].timeMs);
}

void TestDownsampler::deterministic()
{
    QRandomGenerator rng(7);
    TimeSeries a;
    for (int i = 0; i < 50000; ++i) {
        if (i % 1001 == 0)
            a.appendGap(i);
        else
            a.append(i, rng.bounded(100.0));
    }
    const TimeSeries b = a;
    const auto first = Downsampler::minMax(a, 100, 49000, 640);
    QCOMPARE(Downsampler::minMax(b, 100, 49000, 640), first);
    QCOMPARE(Downsampler::minMax(a, 100, 49000, 640), first);
}

void TestDownsampler::blockSummariesMatchAPlainScan_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<qint64>("from");
    QTest::newRow("wide columns, aligned") << 100000 << 100 << qint64(0);
    QTest::newRow("wide columns, unaligned start") << 100000 << 77 << qint64(12345);
    QTest::newRow("columns narrower than a block") << 10000 << 1000 << qint64(5);
}

void TestDownsampler::blockSummariesMatchAPlainScan()
{
    QFETCH(int, points);
    QFETCH(int, buckets);
    QFETCH(qint64, from);
    QRandomGenerator rng(99);
    TimeSeries s;
    for (int i = 0; i < points; ++i)
        s.append(i, double(rng.bounded(50))); // many ties: the first of equal extremes must win
    const qint64 to = points - 1;
    // The reference: every point of a column looked at one by one.
    QList<SeriesPoint> expected;
    const qint64 width = (to - from + 1 + buckets - 1) / buckets;
    const qsizetype begin = s.lowerBound(from);
    if (begin > 0)
        expected.append({s.timeAt(begin - 1), s.valueAt(begin - 1)}); // the neighbour left of the range
    for (qsizetype i = begin; i < s.size();) {
        const qint64 columnEnd = from + ((s.timeAt(i) - from) / width + 1) * width;
        qsizetype lo = i, hi = i;
        qsizetype j = i;
        for (; j < s.size() && s.timeAt(j) < columnEnd; ++j) {
            if (s.valueAt(j) < s.valueAt(lo))
                lo = j;
            if (s.valueAt(j) > s.valueAt(hi))
                hi = j;
        }
        expected.append({s.timeAt(std::min(lo, hi)), s.valueAt(std::min(lo, hi))});
        if (lo != hi)
            expected.append({s.timeAt(std::max(lo, hi)), s.valueAt(std::max(lo, hi))});
        i = j;
    }
    QCOMPARE(Downsampler::minMax(s, from, to, buckets), expected);
}

namespace {
std::vector<TimeSeries> randomSeries(int count, qint64 points)
{
    QRandomGenerator rng(77);
    std::vector<TimeSeries> all(static_cast<size_t>(count));
    for (TimeSeries &ts : all) {
        double v = 100;
        for (qint64 i = 0; i < points; ++i) {
            if (rng.bounded(5000) == 0)
                ts.appendGap(i * 1000);
            else
                ts.append(i * 1000, v = std::max(0.0, v + rng.bounded(11) - 5));
        }
    }
    return all;
}
} // namespace

void TestDownsampler::minMaxEachMatchesMinMax()
{
    const std::vector<TimeSeries> all = randomSeries(9, 50'000);
    QList<const TimeSeries *> inputs;
    for (const TimeSeries &ts : all)
        inputs.append(&ts);
    inputs.append(nullptr); // a series the caller does not have: an empty line, not a crash
    const auto each = Downsampler::minMaxEach(inputs, 3'000'000, 45'000'000, 700);
    QCOMPARE(each.size(), inputs.size());
    for (qsizetype i = 0; i < qsizetype(all.size()); ++i) {
        const auto one = Downsampler::minMax(all[size_t(i)], 3'000'000, 45'000'000, 700);
        QVERIFY(!one.isEmpty());
        QCOMPARE(each[i], one);
    }
    QVERIFY(each.last().isEmpty());
}

void TestDownsampler::minMaxEachDoesNotWaitForABusyPool()
{
    // Every pool thread is busy (say, with a long query): the caller does all the work itself.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int oldMax = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    QSemaphore release;
    QSemaphore started;
    pool->start([&] {
        started.release();
        release.acquire();
    });
    started.acquire();
    const std::vector<TimeSeries> all = randomSeries(4, 20'000);
    const auto each = Downsampler::minMaxEach({&all[0], &all[1], &all[2], &all[3]}, 0, 20'000'000, 300);
    release.release();
    pool->waitForDone();
    pool->setMaxThreadCount(oldMax);
    QCOMPARE(each.size(), qsizetype(4));
    for (qsizetype i = 0; i < 4; ++i)
        QCOMPARE(each[i], Downsampler::minMax(all[size_t(i)], 0, 20'000'000, 300));
}

void TestDownsampler::outOfOrderRefused()
{
    TimeSeries s;
    QVERIFY(s.append(10, 1));
    QVERIFY(!s.append(5, 2));
    QVERIFY(s.append(10, 3));
    QCOMPARE(s.size(), 2);
}

void TestDownsampler::removeBefore()
{
    TimeSeries s = parse(QStringLiteral("1 2 _ 4 5"));
    s.removeBefore(2);
    QCOMPARE(s.size(), 2); // the leading gap marker goes too
    QCOMPARE(s.firstTime(), 3);
}

QTEST_APPLESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"

#include "core/census/samplingpolicy.h"

#include <QTest>

using namespace bs;

/// The census rule and the time-share rule (issue #13), pure functions of core.
class TestSamplingPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void censusInterval_data();
    void censusInterval();
    void censusDue();
    void stretchedInterval_data();
    void stretchedInterval();
    void clampsHandEditedValues();
    void describesTheRuleWithFigures();
};

void TestSamplingPolicy::censusInterval_data()
{
    QTest::addColumn<qint64>("small");
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("sampleMs");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("empty table: every sample") << qint64(100000) << qint64(0) << qint64(5000) << qint64(5000);
    QTest::newRow("at the limit: every sample") << qint64(100000) << qint64(100000) << qint64(5000) << qint64(5000);
    QTest::newRow("one row over: every 2nd sample") << qint64(100000) << qint64(100001) << qint64(5000) << qint64(10000);
    QTest::newRow("1 M: every 10th sample") << qint64(100000) << qint64(1000000) << qint64(5000) << qint64(50000);
    QTest::newRow("10 M: every 100th sample") << qint64(100000) << qint64(10000000) << qint64(5000) << qint64(500000);
    QTest::newRow("1 G: capped at an hour") << qint64(100000) << qint64(1000000000) << qint64(5000) << qint64(3600000);
    QTest::newRow("huge: no overflow") << qint64(1000) << qint64(4000000000000000000) << qint64(600000) << qint64(3600000);
    QTest::newRow("slow interval above the cap") << qint64(100000) << qint64(10000000) << qint64(600000)
                                                  << qint64(3600000);
    QTest::newRow("larger small-table setting") << qint64(1000000) << qint64(10000000) << qint64(5000) << qint64(50000);
}

void TestSamplingPolicy::censusInterval()
{
    QFETCH(qint64, small);
    QFETCH(qint64, rows);
    QFETCH(qint64, sampleMs);
    QFETCH(qint64, expectedMs);
    SamplingPolicy p;
    p.censusSmallTableRows = small;
    QCOMPARE(p.censusIntervalMs(rows, sampleMs), expectedMs);
}

void TestSamplingPolicy::censusDue()
{
    const SamplingPolicy p;
    const QDateTime t0 = QDateTime(QDate(2026, 12, 5), QTime(13, 0), Qt::UTC);
    QVERIFY(p.isCensusDue(std::nullopt, t0, 10, 5000));                       // never had one
    QVERIFY(p.isCensusDue(t0, t0.addMSecs(5000), std::nullopt, 5000));        // size unknown
    QVERIFY(p.isCensusDue(t0, t0.addMSecs(5000), 50000, 5000));               // small: every sample
    QVERIFY(p.isCensusDue(t0, t0.addMSecs(4600), 50000, 5000));               // a timer firing early
    QVERIFY(!p.isCensusDue(t0, t0.addMSecs(5000), 10000000, 5000));           // 10 M: not yet
    QVERIFY(!p.isCensusDue(t0, t0.addMSecs(497000), 10000000, 5000));
    QVERIFY(p.isCensusDue(t0, t0.addMSecs(500000), 10000000, 5000));          // after 100 samples
    QVERIFY(p.isCensusDue(t0, t0.addMSecs(-1000), 10000000, 5000));           // clock went back
}

void TestSamplingPolicy::stretchedInterval_data()
{
    QTest::addColumn<int>("share");
    QTest::addColumn<qint64>("chosenMs");
    QTest::addColumn<qint64>("roundMs");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("fast round keeps the interval") << 10 << qint64(5000) << qint64(40) << qint64(5000);
    QTest::newRow("exactly 10 %") << 10 << qint64(5000) << qint64(500) << qint64(5000);
    QTest::newRow("1.2 s at 10 % -> 12 s") << 10 << qint64(5000) << qint64(1200) << qint64(12000);
    QTest::newRow("12 s scan at 10 % -> 120 s") << 10 << qint64(5000) << qint64(12000) << qint64(120000);
    QTest::newRow("rounded up") << 10 << qint64(1000) << qint64(333) << qint64(3330);
    QTest::newRow("25 %") << 25 << qint64(1000) << qint64(1000) << qint64(4000);
    QTest::newRow("capped at the maximum interval") << 10 << qint64(5000) << qint64(100000) << qint64(600000);
    QTest::newRow("no measurement yet") << 10 << qint64(5000) << qint64(0) << qint64(5000);
}

void TestSamplingPolicy::stretchedInterval()
{
    QFETCH(int, share);
    QFETCH(qint64, chosenMs);
    QFETCH(qint64, roundMs);
    QFETCH(qint64, expectedMs);
    SamplingPolicy p;
    p.serverTimeSharePercent = share;
    QCOMPARE(p.stretchedIntervalMs(chosenMs, roundMs, 600000), expectedMs);
}

void TestSamplingPolicy::clampsHandEditedValues()
{
    SamplingPolicy p;
    p.censusSmallTableRows = -5;
    p.serverTimeSharePercent = 0;
    const SamplingPolicy c = p.clamped();
    QCOMPARE(c.censusSmallTableRows, SamplingPolicy::MinCensusSmallTableRows);
    QCOMPARE(c.serverTimeSharePercent, SamplingPolicy::MinServerTimeSharePercent);
    // A zero share must not divide by zero: it acts as 1 %.
    QCOMPARE(p.stretchedIntervalMs(1000, 100, 600000), qint64(10000));
}

void TestSamplingPolicy::describesTheRuleWithFigures()
{
    const SamplingPolicy p;
    const QString census = p.describeCensus(5000);
    QVERIFY2(census.contains(QLatin1String("100,000 rows")), qPrintable(census));
    QVERIFY2(census.contains(QLatin1String("at 1,000,000 rows: every 50 s")), qPrintable(census));
    QVERIFY2(census.contains(QLatin1String("10,000,000: every 8 min 20 s")), qPrintable(census));
    const QString share = p.describeTimeShare(5000, 12000, 1200);
    QVERIFY2(share.startsWith(QLatin1String("sampling every 12 s: the last sample took 1.2 s on the server")),
             qPrintable(share));
    QVERIFY2(share.contains(QLatin1String("stretched from 5 s")) && share.contains(QLatin1String("10 %")),
             qPrintable(share));
    QVERIFY(!p.describeTimeShare(5000, 5000, 40).contains(QLatin1String("stretched")));
}

QTEST_GUILESS_MAIN(TestSamplingPolicy)
#include "tst_samplingpolicy.moc"

#include "core/series/monitorseries.h"

#include <QTest>

using namespace bs;

namespace {

MonitorSample sampleAt(int second, qint64 co, qint64 leaked, qint64 depth)
{
    MonitorSample s;
    s.time = QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
    EndpointGroup g;
    g.state = EndpointState::CO;
    g.localService = QStringLiteral("//Orders/Initiator");
    g.farService = QStringLiteral("//Orders/Target");
    g.isInitiator = true;
    g.count = co;
    s.endpoints.append(g);
    EndpointGroup c;
    c.state = EndpointState::CD;
    c.localService = QStringLiteral("//Orders/Target");
    c.farService = QStringLiteral("//Orders/Initiator");
    c.count = leaked;
    c.closedWithUnsetSecurityTimestamp = leaked;
    c.neverExpiring = leaked; // fire-and-forget without LIFETIME: 68 years away
    s.endpoints.append(c);
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.depth = depth;
    q.activeReaders = 2;
    s.queues.append(q);
    return s;
}

} // namespace

class TestMonitorSeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buildsSeriesPerState();
    void unavailablePartIsAGap();
    void vanishedQueueIsAGap();
    void missedSampleIsAGap();
    void perSecondCounterWithoutRateIsSkipped();
    void leakLineCountsOnlyWhatIsNeverReclaimed_data();
    void leakLineCountsOnlyWhatIsNeverReclaimed();
};

void TestMonitorSeries::leakLineCountsOnlyWhatIsNeverReclaimed_data()
{
    QTest::addColumn<qint64>("unsetTimestamp");
    QTest::addColumn<qint64>("neverExpiring");
    QTest::addColumn<double>("leak");
    QTest::addColumn<double>("never");
    // Fire-and-forget without LIFETIME: kept 68 years, a leak.
    QTest::newRow("fire-and-forget") << qint64(5000) << qint64(5000) << 5000.0 << 5000.0;
    // Windowed fire-and-forget: the same unset timestamps, but LIFETIME reclaims them within the hour.
    QTest::newRow("windowed") << qint64(5000) << qint64(0) << 0.0 << 0.0;
    // Timestamps set, lifetime far away: they go about 30 minutes after the timestamp.
    QTest::newRow("timestamp set") << qint64(0) << qint64(5000) << 0.0 << 0.0;
}

void TestMonitorSeries::leakLineCountsOnlyWhatIsNeverReclaimed()
{
    QFETCH(qint64, unsetTimestamp);
    QFETCH(qint64, neverExpiring);
    QFETCH(double, leak);
    QFETCH(double, never);
    MonitorSample s = sampleAt(0, 10, 0, 0);
    EndpointGroup &cd = s.endpoints[1];
    cd.count = 5000;
    cd.closedWithUnsetSecurityTimestamp = unsetTimestamp;
    cd.neverExpiring = neverExpiring;
    MonitorSeries m;
    m.append(s);
    QCOMPARE(m.series(QStringLiteral("endpoints.leaked")).valueAt(0), leak);
    QCOMPARE(m.series(QStringLiteral("endpoints.neverExpiring")).valueAt(0), never);
}

void TestMonitorSeries::buildsSeriesPerState()
{
    MonitorSeries m;
    m.append(sampleAt(0, 10, 1, 5));
    m.append(sampleAt(5, 12, 3, 7));
    QCOMPARE(m.sampleCount(), 2);
    const TimeSeries &co = m.series(MonitorSeries::stateKey(EndpointState::CO));
    QCOMPARE(co.size(), 2);
    QCOMPARE(co.valueAt(1), 12.0);
    QCOMPARE(m.series(QStringLiteral("endpoints.leaked")).valueAt(1), 3.0);
    QCOMPARE(m.series(QStringLiteral("endpoints.total")).valueAt(1), 15.0);
    QCOMPARE(m.series(MonitorSeries::stateKey(EndpointState::DI)).valueAt(1), 0.0);
    QCOMPARE(m.series(MonitorSeries::farServiceKey(QStringLiteral("//Orders/Target"))).valueAt(0), 10.0);
    QCOMPARE(m.series(MonitorSeries::queueDepthKey(QStringLiteral("dbo"), QStringLiteral("TargetQueue"))).valueAt(1), 7.0);
    QCOMPARE(m.series(MonitorSeries::queueReadersKey(QStringLiteral("dbo"), QStringLiteral("TargetQueue"))).valueAt(1), 2.0);
    QCOMPARE(m.series(MonitorSeries::stateKey(EndpointState::CO)).timeAt(1) - co.timeAt(0), 5000);
    QVERIFY(m.series(QStringLiteral("no.such.key")).isEmpty());
}

void TestMonitorSeries::unavailablePartIsAGap()
{
    MonitorSeries m;
    m.append(sampleAt(0, 10, 0, 5));
    MonitorSample s = sampleAt(5, 0, 0, 6);
    s.endpoints.clear();
    s.unavailable.append({QStringLiteral("monitor.endpoints"), QStringLiteral("denied"), QStringLiteral("VIEW DEFINITION")});
    m.append(s);
    m.append(sampleAt(10, 11, 0, 7));
    const TimeSeries &co = m.series(MonitorSeries::stateKey(EndpointState::CO));
    QCOMPARE(co.size(), 3);
    QVERIFY(co.isGapAt(1)); // a gap, not a zero
    QCOMPARE(co.valueAt(2), 11.0);
    QCOMPARE(m.series(MonitorSeries::queueDepthKey(QStringLiteral("dbo"), QStringLiteral("TargetQueue"))).size(), 3);
}

void TestMonitorSeries::vanishedQueueIsAGap()
{
    MonitorSeries m;
    m.append(sampleAt(0, 1, 0, 5));
    MonitorSample s = sampleAt(5, 1, 0, 0);
    s.queues.clear();
    m.append(s);
    const TimeSeries &depth = m.series(MonitorSeries::queueDepthKey(QStringLiteral("dbo"), QStringLiteral("TargetQueue")));
    QCOMPARE(depth.size(), 2);
    QVERIFY(depth.isGapAt(1));
}

void TestMonitorSeries::missedSampleIsAGap()
{
    MonitorSeries m(15000);
    m.append(sampleAt(0, 1, 0, 5));
    m.appendGap(QDateTime::fromSecsSinceEpoch(1700000005, Qt::UTC));
    m.append(sampleAt(10, 2, 0, 5));
    QVERIFY(m.series(QStringLiteral("endpoints.total")).isGapAt(1));
    // Detected from the time step alone, too.
    m.append(sampleAt(100, 3, 0, 5));
    const TimeSeries &total = m.series(QStringLiteral("endpoints.total"));
    QVERIFY(total.isGapAt(total.size() - 2));
}

void TestMonitorSeries::perSecondCounterWithoutRateIsSkipped()
{
    MonitorSeries m;
    MonitorSample s = sampleAt(0, 1, 0, 1);
    PerfCounter c;
    c.object = QStringLiteral("Broker Statistics");
    c.counter = QStringLiteral("SQL SENDs/sec");
    c.value = 123456; // a running total: meaningless on a chart without a rate
    c.type = 272696576;
    s.counters.append(c);
    PerfCounter gauge = c;
    gauge.counter = QStringLiteral("Activation Errors Total");
    gauge.type = 65792;
    gauge.value = 4;
    s.counters.append(gauge);
    m.append(s);
    QVERIFY(!m.contains(MonitorSeries::counterKey(c)));
    QCOMPARE(m.series(MonitorSeries::counterKey(gauge)).valueAt(0), 4.0);
    c.ratePerSecond = 12.5;
    s.counters[0] = c;
    s.time = s.time.addSecs(5);
    m.append(s);
    QCOMPARE(m.series(MonitorSeries::counterKey(c)).valueAt(0), 12.5);
}

QTEST_APPLESS_MAIN(TestMonitorSeries)
#include "tst_monitorseries.moc"

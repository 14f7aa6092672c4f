#include "core/series/monitorseries.h"
#include "core/series/serieskey.h"

#include <QTest>

using namespace bs;

Q_DECLARE_METATYPE(bs::SeriesKey)

/// SeriesKey: every key the monitor writes reads back as the same value, and text that is no
/// key reads as an invalid one.
class TestSeriesKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void notAKey_data();
    void notAKey();
    void seriesUseTheKeys();
};

void TestSeriesKey::roundTrip_data()
{
    QTest::addColumn<SeriesKey>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    using K = SeriesKey::Kind;
    QTest::newRow("total") << SeriesKey::endpointsTotal() << u"endpoints.total"_qs << int(K::EndpointsTotal);
    QTest::newRow("census") << SeriesKey::endpointsCensus() << u"endpoints.census"_qs << int(K::EndpointsCensus);
    QTest::newRow("state SO") << SeriesKey::endpointState(EndpointState::SO) << u"endpoints.state.SO"_qs << int(K::EndpointState);
    QTest::newRow("state CD") << SeriesKey::endpointState(EndpointState::CD) << u"endpoints.state.CD"_qs << int(K::EndpointState);
    QTest::newRow("leaked") << SeriesKey::endpointsLeaked() << u"endpoints.leaked"_qs << int(K::EndpointsLeaked);
    QTest::newRow("never expiring") << SeriesKey::neverExpiring() << u"endpoints.neverExpiring"_qs << int(K::NeverExpiring);
    QTest::newRow("far service") << SeriesKey::farService(u"//Sales/Target"_qs) << u"endpoints.far.//Sales/Target"_qs
                                 << int(K::FarService);
    QTest::newRow("far service empty") << SeriesKey::farService(QString()) << u"endpoints.far."_qs << int(K::FarService);
    QTest::newRow("far service with dots") << SeriesKey::farService(u"a.b.depth"_qs) << u"endpoints.far.a.b.depth"_qs
                                           << int(K::FarService);
    QTest::newRow("queue depth") << SeriesKey::queueDepth(u"dbo"_qs, u"TargetQueue"_qs) << u"queue.dbo.TargetQueue.depth"_qs
                                 << int(K::QueueDepth);
    QTest::newRow("queue readers") << SeriesKey::queueReaders(u"dbo"_qs, u"TargetQueue"_qs)
                                   << u"queue.dbo.TargetQueue.readers"_qs << int(K::QueueReaders);
    QTest::newRow("queue name with dots") << SeriesKey::queueDepth(u"sales"_qs, u"Q.v2.depth"_qs)
                                          << u"queue.sales.Q.v2.depth.depth"_qs << int(K::QueueDepth);
    QTest::newRow("schema with dots") << SeriesKey::queueDepth(u"a.b"_qs, u"Q"_qs) << u"queue.a%2Eb.Q.depth"_qs
                                      << int(K::QueueDepth);
    QTest::newRow("schema with percent and dot") << SeriesKey::queueReaders(u"%2E.x%"_qs, u"Q.1"_qs)
                                                 << u"queue.%252E%2Ex%25.Q.1.readers"_qs << int(K::QueueReaders);
    QTest::newRow("queue unicode") << SeriesKey::queueReaders(u"ü"_qs, u"Очередь ]'"_qs) << u"queue.ü.Очередь ]'.readers"_qs
                                   << int(K::QueueReaders);
    QTest::newRow("transmission") << SeriesKey::transmissionSize() << u"transmission.size"_qs << int(K::TransmissionSize);
    QTest::newRow("counter with slash") << SeriesKey::counter(u"SQLServer:Broker Statistics"_qs, u"Enqueued Messages/sec"_qs, QString())
                                        << u"counter.SQLServer:Broker Statistics/Enqueued Messages/sec/"_qs << int(K::Counter);
    QTest::newRow("counter instance") << SeriesKey::counter(u"Broker Activation"_qs, u"Tasks Running"_qs, u"SalesDb"_qs)
                                      << u"counter.Broker Activation/Tasks Running/SalesDb"_qs << int(K::Counter);
}

void TestSeriesKey::roundTrip()
{
    QFETCH(SeriesKey, key);
    QFETCH(QString, text);
    QFETCH(int, kind);
    QCOMPARE(key.toString(), text);
    const SeriesKey parsed = SeriesKey::parse(text);
    QVERIFY(parsed.isValid());
    QCOMPARE(int(parsed.kind()), kind);
    QCOMPARE(parsed.toString(), text);
    // The parts survive too, where the text leaves no doubt.
    if (!text.contains(u"Q.v2"_qs))
        QCOMPARE(parsed, key);
}

void TestSeriesKey::notAKey_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown") << u"endpoints.sum"_qs;
    QTest::newRow("state unknown") << u"endpoints.state.XX"_qs;
    QTest::newRow("state lower case") << u"endpoints.state.co"_qs;
    QTest::newRow("state description") << u"endpoints.state.CONVERSING"_qs;
    QTest::newRow("queue without suffix") << u"queue.dbo.Target"_qs;
    QTest::newRow("queue without schema") << u"queue.Target.depth"_qs;
    QTest::newRow("counter without parts") << u"counter.Broker"_qs;
    QTest::newRow("counter one slash") << u"counter.Broker/Tasks"_qs;
    QTest::newRow("prefix only") << u"queue."_qs;
}

void TestSeriesKey::notAKey()
{
    QFETCH(QString, text);
    const SeriesKey key = SeriesKey::parse(text);
    QVERIFY(!key.isValid());
    QVERIFY(key.toString().isEmpty());
}

void TestSeriesKey::seriesUseTheKeys()
{
    // Every key a sample gives MonitorSeries parses as a valid SeriesKey.
    MonitorSample s;
    s.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    EndpointGroup g;
    g.state = EndpointState::DO;
    g.localService = u"//A/Init"_qs;
    g.farService = u"//A/Target"_qs;
    g.count = 3;
    s.endpoints.append(g);
    QueueSample q;
    q.schema = u"dbo"_qs;
    q.name = u"TargetQueue"_qs;
    q.depth = 5;
    s.queues.append(q);
    PerfCounter c;
    c.object = u"SQLServer:Broker Statistics"_qs;
    c.counter = u"Activation Errors Total"_qs;
    c.value = 2;
    s.counters.append(c);
    MonitorSeries series;
    series.append(s);
    QVERIFY(series.keys().size() >= 10);
    for (const QString &k : series.keys())
        QVERIFY2(SeriesKey::parse(k).isValid(), qPrintable(k));
    QVERIFY(series.contains(SeriesKey::queueReaders(u"dbo"_qs, u"TargetQueue"_qs).toString()));
    QVERIFY(series.contains(SeriesKey::farService(u"//A/Target"_qs).toString()));
}

QTEST_GUILESS_MAIN(TestSeriesKey)
#include "tst_serieskey.moc"

#include "data/monitor/sampleassembler.h"
#include "data/querylibrary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bs;

namespace {

// Reads tests/monitor/fixtures/<case>/<query>.json into the assembler: {"rows": [...]} or
// {"error": {"message": ..., "native": ...}}, as recorded from a server.
SampleAssembler load(const QString &fixture, const QDateTime &clientTime = QDateTime::fromSecsSinceEpoch(0, Qt::UTC))
{
    SampleAssembler a(clientTime);
    const QDir dir(QStringLiteral(BS_TEST_DATA_DIR "/monitor/fixtures/") + fixture);
    for (const QString &name : SampleAssembler::queryNames()) {
        QFile f(dir.filePath(name.section(QLatin1Char('.'), 1) + QStringLiteral(".json")));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        if (o.contains(QLatin1String("error"))) {
            const QJsonObject e = o.value(QLatin1String("error")).toObject();
            a.addFailure(name, e.value(QLatin1String("message")).toString(), e.value(QLatin1String("native")).toString());
            continue;
        }
        QList<QVariantMap> rows;
        for (const QJsonValue &r : o.value(QLatin1String("rows")).toArray())
            rows.append(r.toObject().toVariantMap());
        a.addRows(name, rows);
    }
    return a;
}

const PerfCounter *counter(const MonitorSample &s, const QString &name)
{
    for (const PerfCounter &c : s.counters) {
        if (c.counter == name)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestSampleAssembler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyQueryExistsInTheLibrary();
    void assemblesRecordedRows();
    void nullsBecomeDefaults();
    void missingPermissionMarksOnlyItsPart();
    void namedInstanceCounters_data();
    void namedInstanceCounters();
    void ratesFromTwoSamples();
    void counterResetGivesNoRate();
    void bothPerSecondCounterTypesGiveRates();
    void clockSource_data();
    void clockSource();
    void ratesNeedOneClock_data();
    void ratesNeedOneClock();
    void permissionFor_data();
    void permissionFor();
};

void TestSampleAssembler::everyQueryExistsInTheLibrary()
{
    for (const QString &name : SampleAssembler::queryNames()) {
        const QString text = QueryLibrary::text(name);
        QVERIFY2(!text.isEmpty(), qPrintable(name));
        QVERIFY2(!text.contains(QLatin1String("COUNT(*) FROM [")), "never COUNT(*) on a queue");
    }
    QCOMPARE(QueryLibrary::names(QStringLiteral("monitor")).size(), SampleAssembler::queryNames().size());
}

void TestSampleAssembler::assemblesRecordedRows()
{
    const MonitorSample s = load(QStringLiteral("default_instance")).finish();
    QCOMPARE(s.time, QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC)); // the server's clock
    QCOMPARE(s.isBrokerEnabled, std::optional<bool>(true));
    QVERIFY(s.unavailable.isEmpty());
    QCOMPARE(s.endpoints.size(), 3); // the unknown state "XX" is left out
    QCOMPARE(s.endpointCount(), 1212);
    QCOMPARE(s.leakedClosedCount(), 1200);
    QCOMPARE(s.endpointCount(EndpointState::CD), 1200);
    const QueueSample *orders = s.queue(QStringLiteral("dbo"), QStringLiteral("OrdersTargetQueue"));
    QVERIFY(orders);
    QCOMPARE(orders->depth, 120);
    QCOMPARE(orders->usedPages, 35);
    QCOMPARE(orders->activeReaders, 3);
    QCOMPARE(orders->maxReaders, 4);
    QCOMPARE(orders->monitorState, QueueMonitorState::ReceivesOccurring);
    QCOMPARE(orders->lastActivatedTime, std::optional<QDateTime>(QDateTime(QDate(2026, 11, 21), QTime(9, 59, 58, 123), Qt::UTC)));
    const QueueSample *audit = s.queue(QStringLiteral("audit"), QStringLiteral("AuditQueue"));
    QVERIFY(audit);
    QVERIFY(!audit->isReceiveEnabled);
    QCOMPARE(audit->monitorState, QueueMonitorState::Notified); // "NOTIFIED " with a trailing blank
    QCOMPARE(s.transmissionQueueSize, 42);
    QCOMPARE(s.transmission.size(), 2);
    QCOMPARE(s.transmissionOldest, std::optional<QDateTime>(QDateTime(QDate(2026, 11, 21), QTime(9, 40), Qt::UTC)));
    QCOMPARE(s.counters.size(), 5);
    QCOMPARE(s.counters.first().object, QStringLiteral("Broker Statistics"));
    // Without a previous sample there is no rate.
    QVERIFY(!counter(s, QStringLiteral("SQL SENDs/sec"))->ratePerSecond);
}

void TestSampleAssembler::nullsBecomeDefaults()
{
    const MonitorSample s = load(QStringLiteral("default_instance")).finish();
    const auto di = std::find_if(s.endpoints.cbegin(), s.endpoints.cend(), [](const EndpointGroup &g) { return g.state == EndpointState::DI; });
    QVERIFY(di != s.endpoints.cend());
    QCOMPARE(di->localService, QString());
    QCOMPARE(di->neverExpiring, 0);
    QVERIFY(!di->oldestLifetime);
    const QueueSample *audit = s.queue(QStringLiteral("audit"), QStringLiteral("AuditQueue"));
    QCOMPARE(audit->depth, 0);
    QCOMPARE(audit->tasksWaiting, 0);
    QVERIFY(!audit->lastActivatedTime);
    const auto untried = std::find_if(s.transmission.cbegin(), s.transmission.cend(), [](const TransmissionGroup &g) { return g.status.isEmpty(); });
    QVERIFY(untried != s.transmission.cend()); // NULL status reads as "not tried yet"
}

void TestSampleAssembler::missingPermissionMarksOnlyItsPart()
{
    const MonitorSample s = load(QStringLiteral("no_view_server_state")).finish();
    QCOMPARE(s.unavailable.size(), 3);
    for (const UnavailablePart &u : s.unavailable) {
        QVERIFY(u.permission.startsWith(QLatin1String("VIEW SERVER STATE")));
        QVERIFY(u.message.contains(QLatin1String("permission was denied")));
    }
    QVERIFY(!s.isAvailable(QStringLiteral("monitor.activated_tasks")));
    QVERIFY(s.isAvailable(QStringLiteral("monitor.endpoints")));
    // The rest still works.
    QCOMPARE(s.endpointCount(), 1212);
    QCOMPARE(s.queue(QStringLiteral("dbo"), QStringLiteral("OrdersTargetQueue"))->depth, 120);
    QCOMPARE(s.queue(QStringLiteral("dbo"), QStringLiteral("OrdersTargetQueue"))->activeReaders, 0);
    QVERIFY(s.counters.isEmpty());
}

void TestSampleAssembler::namedInstanceCounters_data()
{
    QTest::addColumn<QString>("objectName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default instance") << QStringLiteral("SQLServer:Broker Statistics") << QStringLiteral("Broker Statistics");
    QTest::newRow("named instance") << QStringLiteral("MSSQL$SALES:Broker Activation") << QStringLiteral("Broker Activation");
    QTest::newRow("padded nchar(128)") << QStringLiteral("MSSQL$X:Broker/DBM Transport      ") << QStringLiteral("Broker/DBM Transport");
    QTest::newRow("no prefix") << QStringLiteral("Broker TO Statistics") << QStringLiteral("Broker TO Statistics");
}

void TestSampleAssembler::namedInstanceCounters()
{
    QFETCH(QString, objectName);
    QFETCH(QString, expected);
    QCOMPARE(SampleAssembler::stripInstancePrefix(objectName), expected);
    if (objectName.startsWith(QLatin1String("MSSQL$SALES"))) {
        const MonitorSample s = load(QStringLiteral("named_instance")).finish();
        QStringList objects;
        for (const PerfCounter &c : s.counters)
            objects.append(c.object);
        QCOMPARE(objects, (QStringList{QStringLiteral("Broker Statistics"), QStringLiteral("Broker Statistics"),
                                       QStringLiteral("Broker Statistics"), QStringLiteral("Broker Activation"),
                                       QStringLiteral("Broker/DBM Transport")}));
    }
}

void TestSampleAssembler::ratesFromTwoSamples()
{
    const MonitorSample first = load(QStringLiteral("default_instance")).finish();
    const MonitorSample second = load(QStringLiteral("rates_later")).finish(&first);
    QCOMPARE(first.time.secsTo(second.time), 5);
    QCOMPARE(*counter(second, QStringLiteral("SQL SENDs/sec"))->ratePerSecond, 100.0);   // (1500 - 1000) / 5
    QCOMPARE(*counter(second, QStringLiteral("SQL RECEIVEs/sec"))->ratePerSecond, 50.0); // (1240 - 990) / 5
    // Snapshot counters are read as they are.
    QVERIFY(!counter(second, QStringLiteral("Tasks Running"))->ratePerSecond);
    QCOMPARE(counter(second, QStringLiteral("Tasks Running"))->value, 2);
}

void TestSampleAssembler::counterResetGivesNoRate()
{
    const MonitorSample first = load(QStringLiteral("rates_later")).finish();
    const MonitorSample restarted = load(QStringLiteral("rates_after_restart")).finish(&first);
    QVERIFY(!counter(restarted, QStringLiteral("SQL SENDs/sec"))->ratePerSecond);
    // The next step after the restart has a rate again.
    MonitorSample next = restarted;
    next.time = restarted.time.addSecs(10);
    for (PerfCounter &c : next.counters)
        c.value += 100;
    SampleAssembler::computeRates(next, restarted);
    QCOMPARE(*counter(next, QStringLiteral("SQL SENDs/sec"))->ratePerSecond, 10.0);
}

void TestSampleAssembler::bothPerSecondCounterTypesGiveRates()
{
    // 272696576 (64-bit) and 272696320 (32-bit) are both running totals per second; 65792 is a
    // snapshot that is read as it is.
    MonitorSample first = load(QStringLiteral("default_instance")).finish();
    first.counters = {PerfCounter{QStringLiteral("Broker Statistics"), QStringLiteral("Bulk/sec"), {}, 1000, 272696576, {}},
                      PerfCounter{QStringLiteral("Broker Statistics"), QStringLiteral("Small/sec"), {}, 300, 272696320, {}},
                      PerfCounter{QStringLiteral("Broker Statistics"), QStringLiteral("Snapshot"), {}, 7, 65792, {}}};
    MonitorSample second = first;
    second.time = first.time.addSecs(4);
    second.counters[0].value = 1400;
    second.counters[1].value = 340;
    second.counters[2].value = 9;
    SampleAssembler::computeRates(second, first);
    QCOMPARE(*counter(second, QStringLiteral("Bulk/sec"))->ratePerSecond, 100.0);
    QCOMPARE(*counter(second, QStringLiteral("Small/sec"))->ratePerSecond, 10.0);
    QVERIFY(!counter(second, QStringLiteral("Snapshot"))->ratePerSecond);
}

namespace {
QDateTime at(int h, int m, int sec)
{
    return QDateTime(QDate(2026, 11, 21), QTime(h, m, sec), Qt::UTC);
}
} // namespace

void TestSampleAssembler::clockSource_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<bool>("server");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<bool>("brokerEnabledKnown");
    // The client time passed to the assembler is 09:00:00; the recorded server clock is 10:00:xx.
    QTest::newRow("server_utc read") << u"default_instance"_qs << true << at(10, 0, 0) << true;
    QTest::newRow("broker_enabled failed") << u"client_clock"_qs << false << at(9, 0, 0) << false;
    QTest::newRow("broker_enabled without server_utc") << u"no_server_clock"_qs << false << at(9, 0, 0) << true;
}

void TestSampleAssembler::clockSource()
{
    QFETCH(QString, fixture);
    QFETCH(bool, server);
    QFETCH(QDateTime, time);
    QFETCH(bool, brokerEnabledKnown);
    const MonitorSample s = load(fixture, at(9, 0, 0)).finish();
    QCOMPARE(s.time, time);
    QCOMPARE(SampleAssembler::clockSource(s) == SampleAssembler::ClockSource::Server, server);
    // The sample says why it is on this computer's clock: the broker_enabled part is unavailable.
    QCOMPARE(s.isAvailable(u"monitor.broker_enabled"_qs), server);
    QCOMPARE(s.isBrokerEnabled.has_value(), brokerEnabledKnown);
    if (!server)
        QVERIFY(!s.unavailable.constLast().message.isEmpty());
}

void TestSampleAssembler::ratesNeedOneClock_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QDateTime>("beforeClientTime");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QDateTime>("afterClientTime");
    QTest::addColumn<bool>("hasRate");
    QTest::addColumn<double>("sendsPerSecond");
    // Counters: default_instance and client_clock hold SENDs 1000; rates_later, client_clock_later
    // and no_server_clock hold 1500; rates_after_restart holds 20. Server clocks: 10:00:00,
    // 10:00:05, 10:00:10. Every mixed pair below is 5 s apart by its stamps, like the valid ones:
    // only the clocks differ.
    QTest::newRow("server, server") << u"default_instance"_qs << at(9, 0, 0) << u"rates_later"_qs << at(9, 0, 0) << true << 100.0;
    QTest::newRow("client, client") << u"client_clock"_qs << at(10, 0, 0) << u"client_clock_later"_qs << at(10, 0, 5) << true << 100.0;
    QTest::newRow("server, client") << u"default_instance"_qs << at(9, 0, 0) << u"client_clock_later"_qs << at(10, 0, 5) << false << 0.0;
    QTest::newRow("client, server") << u"client_clock"_qs << at(10, 0, 0) << u"rates_later"_qs << at(9, 0, 0) << false << 0.0;
    QTest::newRow("server, server_utc missing") << u"default_instance"_qs << at(9, 0, 0) << u"no_server_clock"_qs << at(10, 0, 5) << false << 0.0;
    QTest::newRow("server, server, counter reset") << u"rates_later"_qs << at(9, 0, 0) << u"rates_after_restart"_qs << at(9, 0, 0) << false << 0.0;
    QTest::newRow("client, client, counter reset") << u"client_clock_later"_qs << at(10, 0, 5) << u"client_clock"_qs << at(10, 0, 10) << false << 0.0;
    QTest::newRow("client clock stepped back") << u"client_clock"_qs << at(10, 0, 5) << u"client_clock_later"_qs << at(10, 0, 0) << false << 0.0;
}

void TestSampleAssembler::ratesNeedOneClock()
{
    QFETCH(QString, before);
    QFETCH(QDateTime, beforeClientTime);
    QFETCH(QString, after);
    QFETCH(QDateTime, afterClientTime);
    QFETCH(bool, hasRate);
    QFETCH(double, sendsPerSecond);
    const MonitorSample first = load(before, beforeClientTime).finish();
    const MonitorSample second = load(after, afterClientTime).finish(&first);
    const PerfCounter *sends = counter(second, u"SQL SENDs/sec"_qs);
    QVERIFY(sends);
    QCOMPARE(sends->ratePerSecond.has_value(), hasRate);
    if (hasRate)
        QCOMPARE(*sends->ratePerSecond, sendsPerSecond);
    // computeRates on its own agrees with finish(), and clears a rate left over from elsewhere.
    MonitorSample again = second;
    for (PerfCounter &c : again.counters)
        c.ratePerSecond = -1.0;
    SampleAssembler::computeRates(again, first);
    QVERIFY(again.counters == second.counters);
}

void TestSampleAssembler::permissionFor_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("native");
    QTest::addColumn<QString>("expected");
    QTest::newRow("server state") << QStringLiteral("monitor.perf_counters") << QStringLiteral("VIEW SERVER STATE permission was denied on object 'server'") << QStringLiteral("300")
                                  << QStringLiteral("VIEW SERVER STATE (SQL Server 2022 and later: VIEW SERVER PERFORMANCE STATE)");
    QTest::newRow("queue metadata") << QStringLiteral("monitor.queue_depth") << QStringLiteral("The SELECT permission was denied on the object 'partitions'") << QStringLiteral("229")
                                    << QStringLiteral("VIEW DEFINITION on the database");
    QTest::newRow("timeout is no permission") << QStringLiteral("monitor.endpoints") << QStringLiteral("Query timeout expired") << QStringLiteral("HYT00") << QString();
}

void TestSampleAssembler::permissionFor()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    QFETCH(QString, native);
    QFETCH(QString, expected);
    QCOMPARE(SampleAssembler::permissionFor(query, message, native), expected);
}

QTEST_APPLESS_MAIN(TestSampleAssembler)
#include "tst_sampleassembler.moc"

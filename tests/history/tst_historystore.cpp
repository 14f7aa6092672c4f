#include "data/history/historystore.h"
#include "data/history/samplecodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace bs;

namespace {

QDateTime at(qint64 second)
{
    return QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
}

MonitorSample sample(qint64 second, qint64 leaked = 0)
{
    MonitorSample s;
    s.time = at(second);
    s.isBrokerEnabled = true;
    EndpointGroup g;
    g.state = EndpointState::CD;
    g.localService = QStringLiteral("//Orders/Target");
    g.farService = QStringLiteral("//Orders/Initiator");
    g.count = leaked + 3;
    g.neverExpiring = leaked;
    g.closedWithUnsetSecurityTimestamp = leaked;
    g.oldestLifetime = at(2000000000);
    s.endpoints.append(g);
    QueueSample q;
    q.queueId = 7;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("OrdersTargetQueue");
    q.depth = second % 100;
    q.maxReaders = 4;
    q.activeReaders = 2;
    q.isActivationEnabled = true;
    q.monitorState = QueueMonitorState::ReceivesOccurring;
    q.lastActivatedTime = at(second - 3);
    s.queues.append(q);
    s.transmission.append({QStringLiteral("//Billing/Target"), QStringLiteral("Connection attempt failed"), 4, at(second - 60)});
    s.transmissionQueueSize = 4;
    s.transmissionOldest = at(second - 60);
    PerfCounter c;
    c.object = QStringLiteral("Broker Statistics");
    c.counter = QStringLiteral("SQL SENDs/sec");
    c.value = 1000 + second;
    c.type = 272696576;
    c.ratePerSecond = 12.5;
    s.counters.append(c);
    return s;
}

// What samples() keeps of `written` (in time order): the last sample of each snapshot slot.
QList<MonitorSample> lastOfEachMinute(const QList<MonitorSample> &written)
{
    QList<MonitorSample> kept;
    for (qsizetype i = 0; i < written.size(); ++i) {
        const qint64 minute = written[i].time.toMSecsSinceEpoch() / HistoryStore::SnapshotIntervalMs;
        if (i + 1 == written.size() || written[i + 1].time.toMSecsSinceEpoch() / HistoryStore::SnapshotIntervalMs != minute)
            kept.append(written[i]);
    }
    return kept;
}

// The child side of the crash test: appends samples one transaction at a time and reports each.
int runWriter(const QString &path)
{
    HistoryStore store;
    if (!store.open(path))
        return 2;
    for (qint64 i = 0;; ++i) {
        if (!store.append(sample(i, i)))
            return 3;
        std::printf("%lld\n", static_cast<long long>(i + 1));
        std::fflush(stdout);
    }
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void codecRoundTrip();
    void codecKeepsTheCensus_data();
    void codecKeepsTheCensus();
    void codecReadsSamplesFromBeforeTheCensus();
    void roundTrip();
    void gapsComeBackAsGaps();
    void retention();
    void alertLog();
    void profilePaths();
    void killDuringWritesLeavesReadableDatabase();

private:
    QTemporaryDir m_dir;
};

void TestHistoryStore::initTestCase()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("The QSQLITE driver is not installed (libqt6sql6-sqlite).");
    QVERIFY(m_dir.isValid());
}

void TestHistoryStore::codecRoundTrip()
{
    MonitorSample s = sample(42, 1000);
    s.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")});
    s.flow = FlowCounters{10, 9, 8, 1, 0, 0, 2, 3, 4};
    s.latency = LatencyStats{0.1, 0.5, 0.9, 100, 0.25};
    const QByteArray bytes = SampleCodec::encode(s);
    QVERIFY(bytes.size() < 600);
    QCOMPARE(SampleCodec::decode(bytes), std::optional<MonitorSample>(s));
    QTest::ignoreMessage(QtWarningMsg, "qUncompress: Input data is corrupted");
    QVERIFY(!SampleCodec::decode(QByteArray("garbage")));
}

void TestHistoryStore::codecKeepsTheCensus_data()
{
    QTest::addColumn<MonitorSample>("sample");
    const MonitorSample census = sample(42, 1000);
    QTest::newRow("census, no totals") << census;
    MonitorSample withTotals = census;
    withTotals.totals = {1003, 17, 4};
    withTotals.lastCensus = at(42);
    QTest::newRow("census with totals") << withTotals;
    MonitorSample partTotals = withTotals;
    partTotals.totals = {std::nullopt, 0, 4};
    QTest::newRow("totals, one missing, one zero") << partTotals;
    // Between censuses, as CensusScheduler::dropBreakdown leaves it: totals only, two parts not
    // due and one real failure next to them.
    MonitorSample between = withTotals;
    between.endpoints.clear();
    between.transmission.clear();
    between.transmissionQueueSize = 0;
    between.isCensus = false;
    between.lastCensus = at(-600);
    between.unavailable = {{QStringLiteral("monitor.endpoints"), QStringLiteral("Breakdown not read this sample"), QString(), true},
                           {QStringLiteral("monitor.transmission"), QStringLiteral("Breakdown not read this sample"), QString(), true},
                           {QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")}};
    QTest::newRow("between censuses, not-due parts") << between;
    MonitorSample noLast = between;
    noLast.lastCensus.reset();
    noLast.totals = {};
    QTest::newRow("no census yet, no totals") << noLast;
}

void TestHistoryStore::codecKeepsTheCensus()
{
    QFETCH(MonitorSample, sample);
    // Both forms: plain, and names through a dictionary (the snapshots).
    QCOMPARE(SampleCodec::decode(SampleCodec::encode(sample)), std::optional<MonitorSample>(sample));
    QStringList dictionary;
    const SampleCodec::Intern intern = [&dictionary](const QString &text) {
        if (!dictionary.contains(text))
            dictionary.append(text);
        return qint64(dictionary.indexOf(text));
    };
    const SampleCodec::Lookup lookup = [&dictionary](qint64 id) { return dictionary.value(id); };
    QCOMPARE(SampleCodec::decode(SampleCodec::encode(sample, intern), lookup), std::optional<MonitorSample>(sample));
    // And through the store: the newest sample is kept whole.
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("census-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('_')))));
    QVERIFY2(store.append(sample), qPrintable(store.lastError()));
    QCOMPARE(store.latestSample(), std::optional<MonitorSample>(sample));
}

void TestHistoryStore::codecReadsSamplesFromBeforeTheCensus()
{
    // A sample as versions before the census wrote it ("v": 1, no census fields) reads as a
    // census without totals; the same bytes marked as today's format read the same.
    MonitorSample s = sample(7, 3);
    s.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")});
    QCborMap old = SampleCodec::toCbor(s);
    QCOMPARE(old.value(QLatin1String("v")).toInteger(), 3);
    old.insert(QLatin1String("v"), 1);
    const auto read = SampleCodec::decode(qCompress(old.toCborValue().toCbor(), 6));
    QVERIFY(read);
    QCOMPARE(*read, s);
    QVERIFY(read->isCensus);
    QCOMPARE(read->totals, TableTotals{});
    QVERIFY(!read->unavailable.first().notDue);
    // A 4th entry in an old sample's unavailable part means nothing there: still a failure.
    QCborArray parts = old.value(QLatin1String("u")).toArray();
    QCborArray part = parts.at(0).toArray();
    part.append(true);
    parts[0] = part;
    old.insert(QLatin1String("u"), parts);
    old.insert(QLatin1String("nc"), true);
    const auto strict = SampleCodec::decode(qCompress(old.toCborValue().toCbor(), 6));
    QVERIFY(strict);
    QVERIFY(!strict->unavailable.first().notDue);
    QVERIFY(strict->isCensus);

    // A sample of format 1/2 written between the census and format 3: its skipped breakdown was an
    // unavailable part with the census text and no permission. It reads as a sample that was
    // not a census, the part "not due"; a real failure of the same part stays a failure.
    MonitorSample skipped = sample(8, 3);
    skipped.unavailable = {{QStringLiteral("monitor.endpoints"),
                            QStringLiteral("Breakdown not read this sample: the census runs every 5 min at this table "
                                           "size (200,000 rows); last census never. The total comes from partition metadata."),
                            QString()},
                           {QStringLiteral("monitor.transmission"), QStringLiteral("Timeout expired"), QString()}};
    QCborMap v2 = SampleCodec::toCbor(skipped);
    v2.insert(QLatin1String("v"), 1); // the plain form; the dictionary form (2) reads through the same code
    const auto readV2 = SampleCodec::decode(qCompress(v2.toCborValue().toCbor(), 6));
    QVERIFY(readV2);
    QVERIFY(!readV2->isCensus);
    QVERIFY(readV2->unavailable.at(0).notDue);
    QVERIFY(!readV2->unavailable.at(1).notDue);
}

void TestHistoryStore::roundTrip()
{
    HistoryStore store;
    QVERIFY2(store.open(m_dir.filePath(QStringLiteral("roundtrip.sqlite"))), qPrintable(store.lastError()));
    QList<MonitorSample> written;
    for (int i = 0; i < 50; ++i)
        written.append(sample(i * 5, i));
    QVERIFY(store.append(written.mid(0, 10)));
    for (qsizetype i = 10; i < written.size(); ++i)
        QVERIFY(store.append(written[i]));
    QCOMPARE(store.sampleCount(), 50);
    QCOMPARE(store.timeRange()->first, at(0));
    QCOMPARE(store.timeRange()->second, at(245));
    // Whole samples: the last of each slot and the newest, exactly as written.
    QCOMPARE(store.samples(at(0), at(1000)), lastOfEachMinute(written));
    QCOMPARE(store.samples(at(0), at(1000)).last(), written.last());
    QCOMPARE(store.latestSample(), std::optional<MonitorSample>(written.last()));
    store.close();

    HistoryStore reopened;
    QVERIFY(reopened.open(m_dir.filePath(QStringLiteral("roundtrip.sqlite"))));
    QCOMPARE(reopened.sampleCount(), 50);
    const MonitorSeries overview = reopened.overview(at(0), at(1000));
    QCOMPARE(overview.keys().size(), 4);
    QCOMPARE(overview.series(QStringLiteral("endpoints.leaked")).size(), 50);
    QCOMPARE(overview.series(QStringLiteral("endpoints.leaked")).valueAt(49), 49.0);
    QCOMPARE(overview.series(QStringLiteral("transmission.size")).valueAt(0), 4.0);
    const MonitorSeries series = reopened.series(at(0), at(1000));
    QCOMPARE(series.series(QStringLiteral("endpoints.leaked")).size(), 50);
    QCOMPARE(series.series(QStringLiteral("endpoints.leaked")).valueAt(49), 49.0);
    QCOMPARE(reopened.integrityCheck(), QStringLiteral("ok"));
}

void TestHistoryStore::gapsComeBackAsGaps()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("gaps.sqlite"))));
    QVERIFY(store.append(sample(0, 1)));
    QVERIFY(store.appendGap(at(5)));
    QVERIFY(store.append(sample(600, 2)));
    QCOMPARE(store.sampleCount(), 2);           // a gap is no sample
    QCOMPARE(store.samples(at(0), at(700)).size(), 2); // two snapshot slots apart
    // Keep the MonitorSeries alive: series(key) returns a reference into it.
    const MonitorSeries all = store.series(at(0), at(700));
    const TimeSeries &leaked = all.series(QStringLiteral("endpoints.leaked"));
    QCOMPARE(leaked.size(), 3);
    QVERIFY(leaked.isGapAt(1));
    QVERIFY(store.overview(at(0), at(700)).series(QStringLiteral("endpoints.leaked")).isGapAt(1));
}

void TestHistoryStore::retention()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("retention.sqlite"))));
    QList<MonitorSample> days;
    for (int d = 0; d < 40; ++d)
        days.append(sample(qint64(d) * 86400));
    QVERIFY(store.append(days));
    AlertLogEntry old;
    old.alert.key = QStringLiteral("queue-disabled:[dbo].[q]");
    old.alert.kind = AlertKind::QueueDisabled;
    old.raised = at(0);
    old.cleared = at(60);
    QVERIFY(store.saveAlert(old));
    const QDateTime now = at(39 * 86400 + 1);
    QCOMPARE(store.applyRetention(HistoryStore::DefaultRetentionDays, now), 10);
    QCOMPARE(store.sampleCount(), 30);
    QCOMPARE(store.timeRange()->first, at(10 * 86400));
    QVERIFY(store.alerts(at(0), now).isEmpty());
}

void TestHistoryStore::alertLog()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("alerts.sqlite"))));
    AlertLogEntry e;
    e.alert.kind = AlertKind::EndpointLeak;
    e.alert.key = QStringLiteral("endpoint-leak://A|//B");
    e.alert.title = QStringLiteral("Endpoint leak");
    e.alert.fixSql = QStringLiteral("END CONVERSATION @handle WITH CLEANUP;");
    e.alert.attribution = LeakAttribution::FireAndForget;
    e.alert.severity = AlertSeverity::Warning;
    e.alert.since = at(100);
    e.alert.lastSeen = at(100);
    e.raised = at(100);
    QVERIFY(store.saveAlert(e));
    QCOMPARE(store.alerts(at(0), at(1000)), QList<AlertLogEntry>{e});
    e.cleared = at(500);
    e.alert.lastSeen = at(495);
    QVERIFY(store.saveAlert(e)); // the same entry, now cleared
    const QList<AlertLogEntry> log = store.alerts(at(0), at(1000));
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first(), e);
    QVERIFY(store.alerts(at(600), at(1000)).isEmpty());
}

void TestHistoryStore::profilePaths()
{
    const QString a = HistoryStore::pathForProfile(QStringLiteral("sqlprod01\\SALES / SalesOps"), QStringLiteral("/tmp/h"));
    const QString b = HistoryStore::pathForProfile(QStringLiteral("sqlprod01\\SALES / SalesOps2"), QStringLiteral("/tmp/h"));
    QVERIFY(a.startsWith(QLatin1String("/tmp/h/sqlprod01_SALES_SalesOps-")));
    QVERIFY(a.endsWith(QLatin1String(".sqlite")));
    QVERIFY(a != b);
    QCOMPARE(HistoryStore::pathForProfile(QStringLiteral("sqlprod01\\SALES / SalesOps"), QStringLiteral("/tmp/h")), a);
}

void TestHistoryStore::killDuringWritesLeavesReadableDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("killed.sqlite"));
    QProcess writer;
    writer.setProcessChannelMode(QProcess::SeparateChannels);
    writer.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--history-writer"), path});
    QVERIFY(writer.waitForStarted());
    qint64 reported = 0;
    // Let it write a few hundred samples, then kill it (SIGKILL) in the middle of the stream.
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 const QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
                                 for (const QByteArray &l : lines) {
                                     if (!l.trimmed().isEmpty())
                                         reported = l.trimmed().toLongLong();
                                 }
                                 return reported >= 300;
                             }()),
                             30000);
    writer.kill();
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    for (const QByteArray &l : writer.readAllStandardOutput().split('\n')) {
        if (!l.trimmed().isEmpty())
            reported = l.trimmed().toLongLong();
    }

    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
    const qint64 count = store.sampleCount();
    // Every sample the writer reported committed is there; at most the one in flight is lost
    // (or it committed just before the kill, before it could report it).
    QVERIFY2(count >= reported && count <= reported + 1,
             qPrintable(QStringLiteral("reported %1, stored %2").arg(reported).arg(count)));
    // Every committed sample's chart numbers, and the newest whole sample for the tables.
    const MonitorSeries series = store.series(at(0), at(1000000));
    QCOMPARE(series.sampleCount(), count);
    const TimeSeries &leaked = series.series(QStringLiteral("endpoints.leaked"));
    QCOMPARE(leaked.size(), count);
    for (qsizetype i = 0; i < leaked.size(); ++i)
        QCOMPARE(leaked.valueAt(i), double(i));
    const QList<MonitorSample> all = store.samples(at(0), at(1000000));
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.last(), sample(count - 1, count - 1));
    // And it takes writes again.
    QVERIFY(store.append(sample(count, count)));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--history-writer") == 0)
        return runWriter(QString::fromLocal8Bit(argv[2]));
    TestHistoryStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"

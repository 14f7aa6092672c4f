#include "core/alerts/alert.h"
#include "core/series/serieskey.h"
#include "data/history/historystore.h"
#include "data/history/samplecodec.h"
#include "data/monitor/monitorsession.h"
#include "data/querylibrary.h"
#include "data/sim/simbrokersource.h"
#include "support/manualsource.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace bs;
using bs::test::ManualSource;

Q_DECLARE_METATYPE(bs::MonitorHistoryLoader::Result)

namespace {

/// A simulation whose samples the test hands in (its clock may start over).
class ManualSimulation : public ManualSource
{
public:
    bool isSimulation() const override { return true; }
    SourceTraits traits() const override { return {MonitorLimits::MinSimulationIntervalMs, true, true}; }
};

MonitorSample sampleAt(qint64 timeMs, qint64 conversing)
{
    MonitorSample s;
    s.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    s.isBrokerEnabled = true;
    EndpointGroup g;
    g.state = EndpointState::CO;
    g.localService = QStringLiteral("//Sales/Initiator");
    g.farService = QStringLiteral("//Sales/Target");
    g.isInitiator = true;
    g.count = conversing;
    s.endpoints.append(g);
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.depth = conversing % 17;
    s.queues.append(q);
    return s;
}

qsizetype countAt(const TimeSeries &ts, qint64 timeMs)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < ts.size(); ++i)
        n += ts.timeAt(i) == timeMs ? 1 : 0;
    return n;
}

const QString Total = QStringLiteral("endpoints.total");

} // namespace

/// MonitorSession without a widget (QCoreApplication, no Qt Widgets linked): the demo's alerts
/// and health, history written on its own thread and merged exactly once, cancel, retention,
/// a simulation's restart, and the history loader's parts.
class TestMonitorSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void demoHeadless();
    void oneConversationBacklogHeadless();
    void intervalIsClamped();
    void historyMergedExactlyOnce();
    void reopenedHistoryKeepsTotalsBetweenCensuses();
    void cancelledLoadKeepsLiveSamples();
    void loaderReportsProgressAndStops();
    void olderFileIsConvertedWhileLoading();
    void alertLogMerge_data();
    void alertLogMerge();
    void simulationRestartStartsAFreshHistory();
    void retentionPrunesWhileOpen();

private:
    QString writeHistory(const QString &key, qsizetype count, qint64 endMs);
    static bool flush(MonitorSession &session);
    QTemporaryDir m_dir;
};

void TestMonitorSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

QString TestMonitorSession::writeHistory(const QString &key, qsizetype count, qint64 endMs)
{
    HistoryStore store;
    const QString path = HistoryStore::pathForProfile(key, m_dir.path());
    if (!store.open(path))
        return {};
    QList<MonitorSample> samples;
    samples.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        samples.append(sampleAt(endMs - (count - 1 - i) * 5000, 100 + i));
    return store.append(samples) ? path : QString();
}

bool TestMonitorSession::flush(MonitorSession &session)
{
    QSignalSpy flushed(&session, &MonitorSession::historyFlushed);
    session.flushHistory();
    return flushed.wait(10000);
}

void TestMonitorSession::demoHeadless()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QVERIFY(source);
    source->setSpeed(SimBrokerSource::MaxSpeed);
    QSignalSpy loaded(source.get(), &BrokerSource::catalogLoaded);
    source->loadCatalog();
    QVERIFY(loaded.wait(5000));
    const BrokerCatalog catalog = loaded.first().first().value<BrokerCatalog>();
    QVERIFY(!catalog.queues.isEmpty());

    auto session = std::make_unique<MonitorSession>(source.get(), catalog);
    QSignalSpy healthSpy(session.get(), &MonitorSession::healthChanged);
    QSignalSpy alertSpy(session.get(), &MonitorSession::alertsChanged);
    QVERIFY(session->openHistory(QStringLiteral("demo"), m_dir.path()));
    // Simulated time: 100 simulated seconds apart, 0.1 s of wall time at 1000x.
    session->setIntervalMs(100000);
    QCOMPARE(session->intervalMs(), 100000);

    // The demo's two leaking pairs: the fire-and-forget pair's CLOSED target endpoints and the
    // naive pair that never ends its conversations; each raises one leak alert attributed to a side.
    const auto leakAlerts = [&] {
        QStringList subjects;
        for (const Alert &a : session->alerts().active) {
            if (a.kind == AlertKind::EndpointLeak && a.attribution != LeakAttribution::None)
                subjects.append(a.subject);
        }
        return subjects;
    };
    const auto hasLeak = [&](const QString &part) {
        const QStringList subjects = leakAlerts();
        return std::any_of(subjects.cbegin(), subjects.cend(), [&](const QString &s) { return s.contains(part); });
    };
    QTRY_VERIFY2_WITH_TIMEOUT(session->series().sampleCount() >= 15 && hasLeak(u"Naive"_qs) && hasLeak(u"Audit"_qs),
                              qPrintable(leakAlerts().join(QStringLiteral("; "))), 20000);
    QVERIFY(alertSpy.count() >= 1);
    const MonitorSession::AlertsSnapshot snapshot = alertSpy.last().first().value<MonitorSession::AlertsSnapshot>();
    QVERIFY(!snapshot.active.isEmpty());
    QVERIFY(!snapshot.log.isEmpty());
    QVERIFY(!snapshot.active.first().fixSql.isEmpty());

    // Health for the graph: some service of a leaking pair is flagged, with its reason.
    QVERIFY(healthSpy.count() >= 1);
    bool serviceFlagged = false;
    for (const MonitorSession::HealthEntry &e : session->health()) {
        if (e.ref.kind == ObjectKind::Service && e.level != MonitorSession::HealthLevel::Normal) {
            serviceFlagged = true;
            QVERIFY(!e.reason.isEmpty());
        }
    }
    QVERIFY(serviceFlagged);

    // Every sample is one point per series (no gaps in a simulation); the naive pair piles up DO,
    // and the stacked total of the last state is the whole population.
    const QString piled = MonitorSeries::stateKey(EndpointState::DO);
    const MonitorSeries &series = session->series();
    QVERIFY(series.series(Total).size() >= series.sampleCount());
    QVERIFY(series.series(piled).valueAt(series.series(piled).size() - 1) > 0);
    const TimeSeries &stackTop = session->stackedTotal(EndpointState::CD);
    QCOMPARE(stackTop.valueAt(stackTop.size() - 1), series.series(Total).valueAt(series.series(Total).size() - 1));

    // Reopening the history shows the same series and alert log before any new sample.
    source->stopSampling();
    QVERIFY(flush(*session));
    const qsizetype stored = series.series(Total).size();
    const qsizetype logged = session->alerts().log.size();
    session.reset();
    MonitorSession reopened(source.get(), catalog);
    QVERIFY(reopened.openHistory(QStringLiteral("demo"), m_dir.path()));
    QVERIFY(reopened.isLatestStored());
    QVERIFY(!reopened.latestSample().endpoints.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isLoadingHistory(), 10000);
    QCOMPARE(reopened.series().series(Total).size(), stored);
    QCOMPARE(reopened.alerts().log.size(), logged);
}

void TestMonitorSession::oneConversationBacklogHeadless()
{
    // The "one reused conversation" scenario: 34,000 messages pile up in an hour while one of eight
    // readers works. Sampled on the simulated clock (100 simulated seconds, 0.1 s of wall time).
    QString error;
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::fromFile(QStringLiteral("one-conversation"), &error));
    QVERIFY2(source, qPrintable(error));
    source->setSpeed(SimBrokerSource::MaxSpeed);
    QSignalSpy loaded(source.get(), &BrokerSource::catalogLoaded);
    source->loadCatalog();
    QVERIFY(loaded.wait(5000));
    const BrokerCatalog catalog = loaded.first().first().value<BrokerCatalog>();
    MonitorSession session(source.get(), catalog);
    session.setIntervalMs(100000);
    const auto backlog = [&]() -> std::optional<Alert> {
        for (const Alert &a : session.alerts().active) {
            if (a.kind == AlertKind::QueueBacklog && a.subject == u"[dbo].[SingleTargetQueue]"_qs)
                return a;
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(backlog().has_value(), 20000);
    QVERIFY2(backlog()->title.contains(u"too few conversations"_qs), qPrintable(backlog()->title));
    // The graph's health (and the Queues table, from the same objectHealth) agree with the alert.
    const Queue *target = catalog.queueByName(u"dbo"_qs, u"SingleTargetQueue"_qs);
    QVERIFY(target);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(session.health().cbegin(), session.health().cend(),
                                         [&](const MonitorSession::HealthEntry &e) {
                                             return e.ref.kind == ObjectKind::Queue && e.ref.id == target->objectId
                                                 && e.level != MonitorSession::HealthLevel::Normal
                                                 && e.reason.contains(u"keeps growing"_qs);
                                         }),
                             5000);
    source->stopSampling();
}

void TestMonitorSession::intervalIsClamped()
{
    std::unique_ptr<SimBrokerSource> simulation(SimBrokerSource::createDemo());
    MonitorSession sim(simulation.get());
    sim.setIntervalMs(1);
    QCOMPARE(sim.intervalMs(), MonitorLimits::MinSimulationIntervalMs);
    sim.setIntervalMs(24 * 3600 * 1000);
    QCOMPARE(sim.intervalMs(), MonitorLimits::MaxIntervalMs);
    sim.stop();
    ManualSource server;
    MonitorSession session(&server);
    session.setIntervalMs(100);
    QCOMPARE(session.intervalMs(), MonitorLimits::MinIntervalMs);
    QCOMPARE(server.lastInterval, MonitorLimits::MinIntervalMs);
}

void TestMonitorSession::historyMergedExactlyOnce()
{
    // Enough samples that reading them takes the worker a while (11 hours at 5 s).
    constexpr qsizetype Stored = 8000;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QVERIFY(!writeHistory(QStringLiteral("big"), Stored, endMs).isEmpty());
    ManualSource source;
    {
        MonitorSession session(&source);
        QSignalSpy finished(&session, &MonitorSession::historyLoadFinished);
        QVERIFY(session.openHistory(QStringLiteral("big"), m_dir.path()));
        QVERIFY(session.isLoadingHistory());
        // Live samples keep coming while it loads: the stored newest again (refused as stale, or it
        // would be doubled) and a new one after it.
        source.deliver(sampleAt(endMs, 100 + Stored - 1));
        const qint64 liveMs = endMs + 5000;
        source.deliver(sampleAt(liveMs, 999'999));
        QVERIFY(session.isLoadingHistory());
        QCOMPARE(session.series().series(Total).size(), qsizetype(1));
        QTRY_VERIFY_WITH_TIMEOUT(!session.isLoadingHistory(), 15000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        const TimeSeries &total = session.series().series(Total);
        QCOMPARE(total.size(), Stored + 1);
        QCOMPARE(countAt(total, liveMs), qsizetype(1));
        QCOMPARE(countAt(total, endMs), qsizetype(1));
        QCOMPARE(total.lastTime(), liveMs);
        QCOMPARE(total.valueAt(total.size() - 1), 999'999.0);
        QCOMPARE(total.firstTime(), endMs - (Stored - 1) * 5000);
        QCOMPARE(session.latestSample().time.toMSecsSinceEpoch(), liveMs);
    }
    // The live sample reached the store too (the writer finishes before the session goes):
    // reopening shows it once more, and only once.
    MonitorSession again(&source);
    QVERIFY(again.openHistory(QStringLiteral("big"), m_dir.path()));
    QTRY_VERIFY_WITH_TIMEOUT(!again.isLoadingHistory(), 15000);
    QCOMPARE(again.series().series(Total).size(), Stored + 1);
}

void TestMonitorSession::reopenedHistoryKeepsTotalsBetweenCensuses()
{
    // A large table: a census every fourth sample, the cheap total (partition metadata) between.
    const auto censusSample = [](qint64 timeMs, qsizetype i) {
        MonitorSample s = sampleAt(timeMs, 1000 + i);
        s.totals.endpoints = 1000 + i + 7; // metadata counts are approximate
        if (i % 4 != 0) {
            s.endpoints.clear();
            s.isCensus = false;
            s.lastCensus = QDateTime::fromMSecsSinceEpoch(timeMs - (i % 4) * 5000, Qt::UTC);
            s.unavailable.append({QStringLiteral("monitor.endpoints"), QStringLiteral("Breakdown not read this sample"), QString(), true});
        }
        return s;
    };
    constexpr qsizetype Count = 40;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    const qint64 firstMs = endMs - (Count - 1) * 5000;
    {
        HistoryStore store;
        QVERIFY(store.open(HistoryStore::pathForProfile(QStringLiteral("census"), m_dir.path())));
        for (qsizetype i = 0; i < Count; ++i)
            QVERIFY(store.append(censusSample(firstMs + i * 5000, i)));
    }
    ManualSource source;
    MonitorSession session(&source);
    QVERIFY(session.openHistory(QStringLiteral("census"), m_dir.path()));
    // The newest stored sample is shown at once, whole: between censuses, its part not due.
    QCOMPARE(session.latestSample(), censusSample(endMs, Count - 1));
    QTRY_VERIFY_WITH_TIMEOUT(!session.isLoadingHistory(), 15000);
    const qint64 liveMs = endMs + 5000;
    source.deliver(censusSample(liveMs, Count));
    const auto values = [](const TimeSeries &ts) {
        QList<std::pair<qint64, double>> v;
        for (qsizetype i = 0; i < ts.size(); ++i) {
            if (!ts.isGapAt(i))
                v.append({ts.timeAt(i), ts.valueAt(i)});
        }
        return v;
    };
    // Exactly what the live session draws for the same samples, stored and live alike: the Total
    // line without a break, the census points only at census samples.
    MonitorSeries live(session.series().gapThresholdMs());
    for (qsizetype i = 0; i <= Count; ++i)
        live.append(censusSample(firstMs + i * 5000, i));
    const TimeSeries &total = session.series().series(Total);
    QCOMPARE(values(total), values(live.series(Total)));
    QCOMPARE(values(total).size(), Count + 1);
    QCOMPARE(total.valueAt(1), 1000.0 + 1 + 7);
    const QString census = SeriesKey::endpointsCensus().toString();
    const QList<std::pair<qint64, double>> marks = values(session.series().series(census));
    QCOMPARE(marks, values(live.series(census)));
    QCOMPARE(marks.size(), qsizetype(Count / 4 + 1));
    QCOMPARE(marks.at(1), std::make_pair(firstMs + 4 * 5000, 1004.0));
    // The far-service line is a count only at census samples: no zeros made up between them.
    const QString far = SeriesKey::farService(QStringLiteral("//Sales/Target")).toString();
    QCOMPARE(values(session.series().series(far)), values(live.series(far)));
}

void TestMonitorSession::cancelledLoadKeepsLiveSamples()
{
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QVERIFY(!writeHistory(QStringLiteral("cancelled"), 2000, endMs).isEmpty());
    ManualSource source;
    MonitorSession session(&source);
    QSignalSpy finished(&session, &MonitorSession::historyLoadFinished);
    QVERIFY(session.openHistory(QStringLiteral("cancelled"), m_dir.path()));
    QVERIFY(session.isLoadingHistory());
    source.deliver(sampleAt(endMs + 5000, 7));
    session.cancelHistoryLoad();
    QVERIFY(!session.isLoadingHistory());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    source.deliver(sampleAt(endMs + 10000, 8));
    // The dropped result never arrives later: only the two live samples are shown.
    QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 15000);
    QCoreApplication::processEvents();
    QCOMPARE(session.series().series(Total).size(), qsizetype(2));
    QCOMPARE(finished.size(), 1);
}

void TestMonitorSession::loaderReportsProgressAndStops()
{
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    const QString path = writeHistory(QStringLiteral("loader"), 1000, endMs);
    QVERIFY(!path.isEmpty());
    MonitorHistoryLoader::Request request;
    request.path = path;
    request.from = QDateTime::fromMSecsSinceEpoch(endMs - 999 * 5000, Qt::UTC);
    request.to = QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC);
    request.retentionNow = QDateTime::currentDateTimeUtc();

    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{-1};
    const MonitorHistoryLoader::Result loaded = MonitorHistoryLoader::load(request, cancelled, percent);
    QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    QCOMPARE(loaded.series.series(Total).size(), qsizetype(1000));
    QCOMPARE(percent.load(), 100);

    cancelled = true;
    percent = -1;
    const MonitorHistoryLoader::Result stopped = MonitorHistoryLoader::load(request, cancelled, percent);
    QCOMPARE(stopped.error, QStringLiteral("cancelled"));
    QCOMPARE(stopped.series.sampleCount(), qsizetype(0));

    // Through the object: progress signals, then one result.
    MonitorHistoryLoader loader;
    QSignalSpy done(&loader, &MonitorHistoryLoader::finished);
    loader.start(request);
    QVERIFY(loader.isRunning());
    QVERIFY(done.wait(10000));
    QVERIFY(!loader.isRunning());
    QCOMPARE(done.first().first().value<MonitorHistoryLoader::Result>().series.series(Total).size(), qsizetype(1000));
}

void TestMonitorSession::olderFileIsConvertedWhileLoading()
{
    // A file as schema 1 of the store wrote it: sample rows only, no chart points.
    const QString path = m_dir.filePath(QStringLiteral("schema1.sqlite"));
    constexpr qsizetype Count = 300;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    {
        const QString connection = QStringLiteral("schema1-writer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const char *name : {"journal_wal", "create_meta", "create_samples", "create_alerts", "create_alerts_index"})
                QVERIFY2(query.exec(QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name))), name);
            query.prepare(QueryLibrary::text(QStringLiteral("history.set_meta")));
            query.bindValue(QStringLiteral(":key"), QStringLiteral("schema"));
            query.bindValue(QStringLiteral(":value"), QStringLiteral("1"));
            QVERIFY(query.exec());
            QVERIFY(db.transaction());
            for (qsizetype i = 0; i < Count; ++i) {
                const MonitorSample s = sampleAt(endMs - (Count - 1 - i) * 5000, 10 + i);
                QSqlQuery row(db);
                row.prepare(QueryLibrary::text(QStringLiteral("history.insert_sample")));
                row.bindValue(QStringLiteral(":time_ms"), s.time.toMSecsSinceEpoch());
                row.bindValue(QStringLiteral(":endpoints"), s.endpointCount());
                row.bindValue(QStringLiteral(":leaked"), s.leakedClosedCount());
                row.bindValue(QStringLiteral(":never_expiring"), s.neverExpiringCount());
                row.bindValue(QStringLiteral(":transmission"), s.transmissionQueueSize);
                row.bindValue(QStringLiteral(":data"), SampleCodec::encode(s));
                QVERIFY(row.exec());
            }
            QVERIFY(db.commit());
        }
        QSqlDatabase::removeDatabase(connection);
    }
    MonitorHistoryLoader::Request request;
    request.path = path;
    request.from = QDateTime::fromMSecsSinceEpoch(endMs - (Count - 1) * 5000, Qt::UTC);
    request.to = QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC);
    request.retentionNow = QDateTime::currentDateTimeUtc();
    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{-1};
    const MonitorHistoryLoader::Result result = MonitorHistoryLoader::load(request, cancelled, percent);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.converted, qsizetype(Count));
    const TimeSeries &total = result.series.series(Total);
    QCOMPARE(total.size(), Count);
    QCOMPARE(total.valueAt(Count - 1), double(10 + Count - 1));
    HistoryStore after;
    QVERIFY(after.open(path));
    QCOMPARE(after.convertOldRows(), qint64(0));
}

void TestMonitorSession::alertLogMerge_data()
{
    // Entries as "key@raised-minute" plus "+" when still active.
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QStringList>("live");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing live") << QStringList{u"a@1"_qs, u"b@2+"_qs} << QStringList{} << QStringList{u"a@1"_qs, u"b@2+"_qs};
    QTest::newRow("new live alert") << QStringList{u"a@1"_qs} << QStringList{u"c@9+"_qs} << QStringList{u"a@1"_qs, u"c@9+"_qs};
    QTest::newRow("saved live, read back by the worker") << QStringList{u"a@1"_qs, u"c@9+"_qs} << QStringList{u"c@9"_qs}
                                                        << QStringList{u"a@1"_qs, u"c@9"_qs};
    QTest::newRow("still active from last session") << QStringList{u"b@2+"_qs} << QStringList{u"b@9+"_qs}
                                                    << QStringList{u"b@2+"_qs};
    QTest::newRow("cleared before, raised again") << QStringList{u"b@2"_qs} << QStringList{u"b@9+"_qs}
                                                  << QStringList{u"b@2"_qs, u"b@9+"_qs};
}

void TestMonitorSession::alertLogMerge()
{
    QFETCH(QStringList, stored);
    QFETCH(QStringList, live);
    QFETCH(QStringList, expected);
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    const auto entries = [&base](const QStringList &texts) {
        QList<AlertLogEntry> list;
        for (QString t : texts) {
            const bool active = t.endsWith(QLatin1Char('+'));
            t.remove(QLatin1Char('+'));
            const QStringList parts = t.split(QLatin1Char('@'));
            AlertLogEntry e;
            e.alert.key = parts[0];
            e.raised = base.addSecs(60 * parts[1].toInt());
            if (!active)
                e.cleared = e.raised.addSecs(30);
            list.append(e);
        }
        return list;
    };
    QStringList merged;
    for (const AlertLogEntry &e : MonitorHistoryLoader::mergeAlertLog(entries(stored), entries(live)))
        merged.append(e.alert.key + QLatin1Char('@') + QString::number(base.secsTo(e.raised) / 60)
                      + (e.isActive() ? QStringLiteral("+") : QString()));
    QCOMPARE(merged, expected);
}

void TestMonitorSession::simulationRestartStartsAFreshHistory()
{
    ManualSimulation source;
    const QString key = QStringLiteral("demo-7");
    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    // The stored run's endpoint totals (the store keeps every sample's chart numbers, whole
    // samples only once a minute).
    const auto storedRun = [&](const QString &path) {
        HistoryStore store;
        if (!store.open(path))
            return std::vector<double>();
        return store.series(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), QDateTime::fromMSecsSinceEpoch(start + 60'000, Qt::UTC))
            .series(Total)
            .values();
    };
    QString path;
    {
        MonitorSession session(&source);
        QVERIFY(session.openHistory(key, m_dir.path()));
        for (int i = 0; i < 10; ++i)
            source.deliver(sampleAt(start + i * 1000, 100 + i));
        path = session.historyPath();
        // The simulation starts over at its scenario's start time: its clock cannot continue the
        // stored run, so the series and the file start afresh (one file per key, never one more).
        for (int i = 0; i < 4; ++i)
            source.deliver(sampleAt(start + i * 1000, 7 + i));
        QCOMPARE(session.series().series(Total).size(), qsizetype(4));
        QCOMPARE(session.historyPath(), path);
        QVERIFY(flush(session));
        const std::vector<double> rerun = storedRun(path);
        QCOMPARE(rerun.size(), size_t(4));
        QCOMPARE(rerun.front(), 7.0);
    }
    // The app starts again (a new session on the same key): the stored run shows until the
    // simulation's first sample, which starts over again, in the same file.
    const int filesBefore = int(QDir(m_dir.path()).entryList({QStringLiteral("*.sqlite")}).size());
    MonitorSession again(&source);
    QVERIFY(again.openHistory(key, m_dir.path()));
    source.deliver(sampleAt(start, 50));
    QTRY_VERIFY(!again.isLoadingHistory());
    QCOMPARE(again.historyPath(), path);
    QCOMPARE(again.series().series(Total).size(), qsizetype(1));
    QVERIFY(flush(again));
    QCOMPARE(storedRun(path).size(), size_t(1));
    QCOMPARE(int(QDir(m_dir.path()).entryList({QStringLiteral("*.sqlite")}).size()), filesBefore);
}

void TestMonitorSession::retentionPrunesWhileOpen()
{
    // A simulation's clock runs days in minutes: retention counts back from its newest sample.
    ManualSimulation source;
    MonitorSession session(&source);
    session.setRetentionDays(1);
    QVERIFY(session.openHistory(QStringLiteral("retention-demo"), m_dir.path()));
    session.setRetentionCheckIntervalMs(0);
    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    constexpr qint64 Hour = 3'600'000;
    for (int h = 0; h <= 72; h += 6)
        source.deliver(sampleAt(start + h * Hour, 100 + h));
    const TimeSeries &total = session.series().series(Total);
    QVERIFY(total.size() > 0);
    // Three days delivered, one kept (the newest sample and the day before it).
    QVERIFY2(total.firstTime() >= start + 48 * Hour, qPrintable(QString::number((total.firstTime() - start) / Hour)));
    QCOMPARE(total.lastTime(), start + 72 * Hour);
    QVERIFY(flush(session));
    HistoryStore store;
    QVERIFY(store.open(session.historyPath()));
    const auto range = store.timeRange();
    QVERIFY(range);
    QVERIFY(range->first.toMSecsSinceEpoch() >= start + 48 * Hour);
}

QTEST_GUILESS_MAIN(TestMonitorSession)
#include "tst_monitorsession.moc"

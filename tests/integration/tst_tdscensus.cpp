#include "data/monitor/monitorpoller.h"
#include "data/monitor/sampleassembler.h"
#include "data/odbc/odbcbrokersource.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace bs;

/// Issue #13 through QODBC -> FreeTDS -> the TDS test server: the cheap total every sample, the
/// census by the census rule and on demand, the fallback where the login cannot see partition
/// metadata, the server time share, and no pile-up on a slow server.
class TestTdsCensus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void cheapTotalEverySampleCensusByTheRule();
    void batchCarriesTheTotalAndSkipsTheCensus();
    void censusNowReadsTheBreakdown();
    void loginWithoutPartitionMetadataFallsBackToTheCensus();
    void slowSampleStretchesTheInterval();
    void intervalChangesDuringASlowRoundKeepOneConnection();

private:
    /// A poller on its own thread, the way OdbcBrokerSource runs it.
    void startPoller(const SamplingPolicy &policy, bool batched = false);
    /// The totals the server reports: as partition metadata of a table of `rows` endpoints.
    TdsReply setTotals(const QJsonArray &row);
    QList<MonitorSample> samples() const;

    std::unique_ptr<TdsServer> m_server;
    QThread *m_thread = nullptr;
    MonitorPoller *m_poller = nullptr;
    std::unique_ptr<QSignalSpy> m_samples;
    std::unique_ptr<QSignalSpy> m_paced;
};

void TestTdsCensus::init()
{
    qRegisterMetaType<bs::MonitorSample>();
    QString error;
    const auto f = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/monitor.json"), &error);
    QVERIFY2(f, qPrintable(error));
    m_server = std::make_unique<TdsServer>(*f);
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestTdsCensus::cleanup()
{
    if (QTest::currentTestFailed())
        qInfo().noquote() << "server log:\n" << m_server->requestLog();
    if (m_thread) {
        QMetaObject::invokeMethod(m_poller, &MonitorPoller::stop, Qt::BlockingQueuedConnection);
        m_thread->requestInterruption();
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_poller = nullptr;
    }
    m_samples.reset();
    m_paced.reset();
    m_server.reset();
}

void TestTdsCensus::startPoller(const SamplingPolicy &policy, bool batched)
{
    m_thread = new QThread;
    m_poller = new MonitorPoller(m_server->connectionString());
    m_poller->setIntervalMs(MonitorPoller::MinIntervalMs);
    m_poller->setQueryTimeoutSeconds(5);
    m_poller->setSamplingPolicy(policy);
    m_poller->setBatchedRounds(batched);
    m_poller->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_poller, &QObject::deleteLater);
    m_samples = std::make_unique<QSignalSpy>(m_poller, &MonitorPoller::sampleReady);
    m_paced = std::make_unique<QSignalSpy>(m_poller, &MonitorPoller::samplingPaced);
    m_thread->start();
    QMetaObject::invokeMethod(m_poller, &MonitorPoller::start);
}

TdsReply TestTdsCensus::setTotals(const QJsonArray &row)
{
    TdsReply reply = m_server->fixture().queries.value(QStringLiteral("totals"));
    reply.resultSets.first().rows = {row};
    m_server->setReply(QStringLiteral("totals"), reply);
    return reply;
}

QList<MonitorSample> TestTdsCensus::samples() const
{
    QList<MonitorSample> out;
    for (const QList<QVariant> &args : *m_samples)
        out.append(args.first().value<MonitorSample>());
    return out;
}

void TestTdsCensus::cheapTotalEverySampleCensusByTheRule()
{
    // Ten million endpoints by partition metadata: above the small-table limit (1,000 here), so
    // after the first census (the size is unknown before it) the breakdown waits: 1 s × 10,000
    // samples, capped at an hour.
    setTotals({10000000, 9000000, 3});
    SamplingPolicy policy;
    policy.censusSmallTableRows = 1000;
    startPoller(policy);
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() >= 3, 15000);
    const QList<MonitorSample> s = samples();
    QVERIFY(s.at(0).isCensus);
    QCOMPARE(s.at(0).endpointCount(), 1208);
    QVERIFY(s.at(0).totals.endpoints == 10000000);
    QVERIFY(s.at(0).endpointTotal() == 1208); // the census is exact, the metadata approximate
    for (int i = 1; i < 3; ++i) {
        const MonitorSample &later = s.at(i);
        QVERIFY(!later.isCensus);
        QVERIFY(later.endpointTotal() == 10000000);
        QVERIFY(later.transmissionTotal() == 3);
        QVERIFY(later.endpoints.isEmpty());
        QVERIFY(!later.isAvailable(QStringLiteral("monitor.endpoints")));
        QVERIFY(later.lastCensus.has_value());
        QCOMPARE(*later.lastCensus, s.at(0).time);
        const auto part = std::find_if(later.unavailable.cbegin(), later.unavailable.cend(),
                                       [](const UnavailablePart &u) { return u.part == u"monitor.endpoints"; });
        QVERIFY(part != later.unavailable.cend());
        QVERIFY(part->notDue);
        QVERIFY(part->permission.isEmpty());
        QVERIFY2(part->message.contains(QLatin1String("every 1 h")), qPrintable(part->message));
    }
    // On the server: the totals every sample, the census scan once.
    QCOMPARE(m_server->requestsFor(QStringLiteral("endpoints")).size(), 1);
    QCOMPARE(m_server->requestsFor(QStringLiteral("transmission")).size(), 1);
    QVERIFY(m_server->requestsFor(QStringLiteral("totals")).size() >= 3);
}

void TestTdsCensus::batchCarriesTheTotalAndSkipsTheCensus()
{
    // One round trip per sample: the census round's batch holds every part, the next ones the
    // totals and not the scans. The server answers the whole batch whatever it holds; the poller
    // takes only the parts it asked for.
    const TdsReply totals = setTotals({10000000, 9000000, 3});
    TdsReply batch;
    for (const QString &name : SampleAssembler::queryNames()) {
        TdsResultSet marker;
        marker.columns.append(*TdsFixture::column(QStringLiteral("bs_part"), QStringLiteral("nvarchar(128)")));
        marker.rows.append(QJsonArray{name});
        batch.resultSets.append(marker);
        const QString tag = name.section(QLatin1Char('.'), 1);
        batch.resultSets.append(tag == u"totals" ? totals.resultSets : m_server->fixture().queries.value(tag).resultSets);
    }
    m_server->setReply(QStringLiteral("sample_batch"), batch);
    SamplingPolicy policy;
    policy.censusSmallTableRows = 1000;
    startPoller(policy, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() >= 2, 15000);
    const QList<TdsRequest> batches = m_server->requestsFor(QStringLiteral("sample_batch"));
    QVERIFY(batches.size() >= 2);
    QVERIFY(batches.at(0).text.contains(QLatin1String("-- query: endpoints")));
    QVERIFY(batches.at(0).text.contains(QLatin1String("-- query: totals")));
    QVERIFY(!batches.at(1).text.contains(QLatin1String("-- query: endpoints")));
    QVERIFY(!batches.at(1).text.contains(QLatin1String("-- query: transmission")));
    QVERIFY(batches.at(1).text.contains(QLatin1String("-- query: totals")));
    const QList<MonitorSample> s = samples();
    QVERIFY(s.at(0).isCensus);
    QCOMPARE(s.at(0).endpointCount(), 1208);
    QVERIFY(!s.at(1).isCensus);
    QVERIFY(s.at(1).endpointTotal() == 10000000);
    QVERIFY(s.at(1).isAvailable(QStringLiteral("monitor.queue_depth")));
}

void TestTdsCensus::censusNowReadsTheBreakdown()
{
    setTotals({10000000, 9000000, 3});
    SamplingPolicy policy;
    policy.censusSmallTableRows = 1000;
    startPoller(policy);
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() >= 2, 15000);
    QCOMPARE(m_server->requestsFor(QStringLiteral("endpoints")).size(), 1);
    const qsizetype before = m_samples->size();
    QMetaObject::invokeMethod(m_poller, &MonitorPoller::censusNow, Qt::QueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestsFor(QStringLiteral("endpoints")).size(), 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() > before, 5000);
    const QList<MonitorSample> s = samples();
    const auto census = std::find_if(s.cbegin() + before, s.cend(), [](const MonitorSample &m) { return m.isCensus; });
    QVERIFY(census != s.cend());
    QCOMPARE(census->endpointCount(), 1208);
    QCOMPARE(census->endpoints.size(), 2);
    // And the rule goes on from there: the next sample is totals only again.
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() > before + 1, 5000);
    QVERIFY(!samples().constLast().isCensus);
    QCOMPARE(m_server->requestsFor(QStringLiteral("endpoints")).size(), 2);
}

void TestTdsCensus::loginWithoutPartitionMetadataFallsBackToTheCensus()
{
    // Without VIEW DEFINITION, OBJECT_ID of a system base table is NULL: every total is NULL.
    setTotals({QJsonValue(), QJsonValue(), QJsonValue()});
    startPoller(SamplingPolicy{});
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() >= 2, 15000);
    for (const MonitorSample &s : samples()) {
        QVERIFY(!s.totals.endpoints);
        QVERIFY(!s.isAvailable(QStringLiteral("monitor.totals")));
        const auto part = std::find_if(s.unavailable.cbegin(), s.unavailable.cend(),
                                       [](const UnavailablePart &u) { return u.part == u"monitor.totals"; });
        QVERIFY(part != s.unavailable.cend());
        QVERIFY(!part->notDue);
        QVERIFY2(part->permission.contains(QLatin1String("VIEW DEFINITION")), qPrintable(part->permission));
        QVERIFY2(part->message.contains(QLatin1String("census only")), qPrintable(part->message));
        // The census (a small table: every sample) still counts, so the total is there.
        QVERIFY(s.isCensus);
        QVERIFY(s.endpointTotal() == 1208);
    }
    QVERIFY(m_server->requestsFor(QStringLiteral("endpoints")).size() >= 2);
}

void TestTdsCensus::slowSampleStretchesTheInterval()
{
    // A 1.2 s endpoint scan (the delay fault) with a 50 % share: the next round starts no sooner
    // than 2.4 s after this one started, though the interval chosen is 1 s.
    TdsReply slow = m_server->fixture().queries.value(QStringLiteral("endpoints"));
    slow.delayMs = 1200;
    m_server->setReply(QStringLiteral("endpoints"), slow);
    SamplingPolicy policy;
    policy.serverTimeSharePercent = 50;
    startPoller(policy);
    QTRY_VERIFY_WITH_TIMEOUT(m_paced->size() >= 2, 20000);
    for (const QList<QVariant> &args : *m_paced) {
        const qint64 chosen = args.at(0).toLongLong();
        const qint64 effective = args.at(1).toLongLong();
        const qint64 round = args.at(2).toLongLong();
        QCOMPARE(chosen, 1000);
        QVERIFY2(round >= 1200, qPrintable(QString::number(round)));
        QCOMPARE(effective, policy.stretchedIntervalMs(chosen, round, MonitorPoller::MaxIntervalMs));
        QVERIFY(effective >= 2 * round);
    }
    // Measured on the server: the scans start at least the stretched interval apart.
    const QList<TdsRequest> scans = m_server->requestsFor(QStringLiteral("endpoints"));
    QVERIFY(scans.size() >= 2);
    const qint64 apart = scans.at(0).time.msecsTo(scans.at(1).time);
    QVERIFY2(apart >= 2400 - 50, qPrintable(QString::number(apart)));
}

void TestTdsCensus::intervalChangesDuringASlowRoundKeepOneConnection()
{
    // The case: three interval changes during a slow round once left four connections
    // scanning at once. Through OdbcBrokerSource, as the monitor tab drives it.
    TdsReply slow = m_server->fixture().queries.value(QStringLiteral("endpoints"));
    slow.delayMs = 3000;
    m_server->setReply(QStringLiteral("endpoints"), slow);
    OdbcBrokerSource source(m_server->connectionString(), 5);
    SamplingPolicy policy;
    policy.serverTimeSharePercent = 100; // rounds back to back: the worst case for overlapping
    source.setSamplingPolicy(policy);
    QSignalSpy samples(&source, &BrokerSource::sampleReady);
    source.startSampling(1000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->requestsFor(QStringLiteral("endpoints")).isEmpty(), 10000);
    for (int ms : {2000, 5000, 1000}) {
        source.startSampling(ms);
        QTest::qWait(200);
    }
    QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 20000);
    source.stopSampling();
    QCOMPARE(m_server->acceptedLoginCount(), 1);
    // One connection, and on it one scan at a time: each starts after the one before answered.
    const QList<TdsRequest> scans = m_server->requestsFor(QStringLiteral("endpoints"));
    for (const TdsRequest &r : scans)
        QCOMPARE(r.connection, scans.first().connection);
    for (qsizetype i = 1; i < scans.size(); ++i)
        QVERIFY(scans.at(i - 1).time.msecsTo(scans.at(i).time) >= 3000 - 50);
}

QTEST_GUILESS_MAIN(TestTdsCensus)
#include "tst_tdscensus.moc"

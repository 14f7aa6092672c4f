#include "data/monitor/monitorpoller.h"
#include "tdsserver.h"

#include <QSignalSpy>
#include <QJsonArray>
#include <QTest>
#include <QThread>

using namespace bs;

/// MonitorPoller sampling through QODBC -> FreeTDS -> the TDS test server: a permission error on
/// one query, a dropped connection, a query slower than its timeout.
class TestTdsMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void permissionErrorLeavesOtherPartsWorking();
    void droppedConnectionReconnects();
    void slowQueryHitsItsTimeout();
    void longUnicodeNamesArriveWhole();

private:
    void startPoller(int queryTimeoutSeconds = 5);

    std::unique_ptr<TdsServer> m_server;
    QThread *m_thread = nullptr;
    MonitorPoller *m_poller = nullptr;
    std::unique_ptr<QSignalSpy> m_samples;
    std::unique_ptr<QSignalSpy> m_missed;
};

void TestTdsMonitor::init()
{
    QString error;
    const auto f = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/monitor.json"), &error);
    QVERIFY2(f, qPrintable(error));
    m_server = std::make_unique<TdsServer>(*f);
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestTdsMonitor::startPoller(int queryTimeoutSeconds)
{
    m_thread = new QThread;
    m_poller = new MonitorPoller(m_server->connectionString());
    m_poller->setIntervalMs(MonitorPoller::MinIntervalMs);
    m_poller->setQueryTimeoutSeconds(queryTimeoutSeconds);
    // Rounds back to back: a 1 s timed-out round would otherwise stretch the interval to 10 s
    // (the server time share, covered by tst_tdscensus).
    SamplingPolicy policy;
    policy.serverTimeSharePercent = 100;
    m_poller->setSamplingPolicy(policy);
    m_poller->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_poller, &QObject::deleteLater);
    m_samples = std::make_unique<QSignalSpy>(m_poller, &MonitorPoller::sampleReady);
    m_missed = std::make_unique<QSignalSpy>(m_poller, &MonitorPoller::sampleMissed);
    m_thread->start();
    QMetaObject::invokeMethod(m_poller, &MonitorPoller::start);
}

void TestTdsMonitor::cleanup()
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
    m_missed.reset();
    m_server.reset();
}

void TestTdsMonitor::permissionErrorLeavesOtherPartsWorking()
{
    TdsReply denied;
    denied.error = TdsMessage{300, 1, 14,
                              QStringLiteral("VIEW SERVER STATE permission was denied on object 'server', database 'master'."),
                              1, QString()};
    m_server->setReply(QStringLiteral("perf_counters"), denied);
    startPoller();
    QTRY_VERIFY_WITH_TIMEOUT(!m_samples->isEmpty(), 10000);
    const MonitorSample sample = m_samples->first().first().value<MonitorSample>();
    QVERIFY(!sample.isAvailable(QStringLiteral("monitor.perf_counters")));
    const auto part = std::find_if(sample.unavailable.cbegin(), sample.unavailable.cend(),
                                   [](const UnavailablePart &p) { return p.part == u"monitor.perf_counters"; });
    QVERIFY(part != sample.unavailable.cend());
    QVERIFY2(part->permission.contains(QLatin1String("VIEW SERVER STATE")), qPrintable(part->permission));
    QVERIFY2(part->message.contains(QLatin1String("VIEW SERVER STATE permission was denied")), qPrintable(part->message));
    // The rest of the sample is there.
    QCOMPARE(sample.unavailable.size(), 1);
    QCOMPARE(sample.endpointCount(), 1208);
    QCOMPARE(sample.leakedClosedCount(), 1200);
    QCOMPARE(sample.queues.size(), 1);
    QCOMPARE(sample.queues.first().depth, 42);
    QCOMPARE(sample.transmissionQueueSize, 3);
}

void TestTdsMonitor::droppedConnectionReconnects()
{
    startPoller();
    QTRY_VERIFY_WITH_TIMEOUT(!m_samples->isEmpty(), 10000);
    const int before = int(m_samples->size());
    m_server->dropConnections();
    // The lost connection leaves a gap (a missed sample, never zeros), then sampling resumes on
    // a new connection after the backoff.
    QTRY_VERIFY_WITH_TIMEOUT(!m_missed->isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() > before, 15000);
    QVERIFY(m_server->acceptedLoginCount() >= 2);
    const MonitorSample last = m_samples->last().first().value<MonitorSample>();
    QVERIFY(last.unavailable.isEmpty());
    QCOMPARE(last.endpointCount(), 1208);
}

void TestTdsMonitor::slowQueryHitsItsTimeout()
{
    TdsReply slow = m_server->fixture().queries.value(QStringLiteral("queue_depth"));
    slow.delayMs = 6000;
    m_server->setReply(QStringLiteral("queue_depth"), slow);
    startPoller(1);
    // Well before the server would answer (6 s), the sample arrives without the slow part:
    // MonitorPoller sets SQL_ATTR_QUERY_TIMEOUT (1 s) on QODBC's statement handle
    // (bs::setOdbcQueryTimeout), FreeTDS sends an attention when it expires.
    QTRY_VERIFY_WITH_TIMEOUT(!m_samples->isEmpty() || !m_missed->isEmpty(), 4000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(m_server->requests().cbegin(), m_server->requests().cend(),
                                         [](const TdsRequest &r) { return r.kind == TdsRequest::Kind::Attention; }),
                             5000);
    QVERIFY2(!m_samples->isEmpty(), "the timeout was treated as a lost connection");
    const MonitorSample sample = m_samples->first().first().value<MonitorSample>();
    QVERIFY(!sample.isAvailable(QStringLiteral("monitor.queue_depth")));
    QCOMPARE(sample.endpointCount(), 1208);
    // And the poller keeps going.
    QTRY_VERIFY_WITH_TIMEOUT(m_samples->size() >= 2, 10000);
}

void TestTdsMonitor::longUnicodeNamesArriveWhole()
{
    // The longest names each column can hold, in letters that take 2 or 3 bytes in UTF-8, with
    // the column types monitor.json declares for sql/monitor (the types of its CASTs). A column
    // declared narrower than its value's UTF-8 length reads back empty through QODBC + FreeTDS
    // (docs/odbc-data-path.md, "Long Unicode names").
    const QString service128 = QStringLiteral("//Ünïcødé/") + QString(118, QChar(0x0421));
    const QString service256 = QStringLiteral("//Сервис/") + QString(247, QChar(0x540D));
    const QString schema = QString(128, QChar(0x00E9));
    const QString queue = QString(128, QChar(0x540D));
    QCOMPARE(service128.size(), 128);
    QCOMPARE(service256.size(), 256);
    const auto withRow = [this](const QString &tag, const QJsonArray &row) {
        TdsReply reply = m_server->fixture().queries.value(tag);
        reply.resultSets.first().rows = {row};
        m_server->setReply(tag, reply);
    };
    withRow(QStringLiteral("endpoints"), QJsonArray{QStringLiteral("CO"), service128, service256, true, 8, 8, 0,
                                                    QStringLiteral("2094-12-01T00:00:00.000")});
    withRow(QStringLiteral("queue_depth"), QJsonArray{1001, schema, queue, true, true, true, 5, 42, 9});
    withRow(QStringLiteral("transmission"), QJsonArray{service256, QString(), 3, QStringLiteral("2026-11-21T09:58:00.000")});
    startPoller();
    QTRY_VERIFY_WITH_TIMEOUT(!m_samples->isEmpty(), 10000);
    const MonitorSample sample = m_samples->first().first().value<MonitorSample>();
    QVERIFY(sample.unavailable.isEmpty());
    QCOMPARE(sample.endpoints.size(), 1);
    QCOMPARE(sample.endpoints.first().localService, service128);
    QCOMPARE(sample.endpoints.first().farService, service256);
    QCOMPARE(sample.queues.size(), 1);
    QCOMPARE(sample.queues.first().schema, schema);
    QCOMPARE(sample.queues.first().name, queue);
    QCOMPARE(sample.transmission.size(), 1);
    QCOMPARE(sample.transmission.first().toService, service256);
}

QTEST_GUILESS_MAIN(TestTdsMonitor)
#include "tst_tdsmonitor.moc"

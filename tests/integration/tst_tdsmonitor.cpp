#include "data/monitor/monitorpoller.h"
#include "tdsserver.h"

#include <QSignalSpy>
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

QTEST_GUILESS_MAIN(TestTdsMonitor)
#include "tst_tdsmonitor.moc"

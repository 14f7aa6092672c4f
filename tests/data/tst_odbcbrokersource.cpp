#include "data/monitor/monitorpoller.h"
#include "data/monitor/sampleassembler.h"
#include "data/odbc/connectiontester.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbccatalogreader.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/odbc/odbcdrivers.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bs;

namespace {

/// A loopback TCP port on which nothing listens: bound by the kernel's choice, then released.
int closedLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

constexpr int LoginTimeoutSeconds = 5;

/// What SQL Server answers to sql/sample/batch.sql for monitor.json: per part a marker result set,
/// then the part's own result set, or the CATCH block's error result set for `failingPart`.
TdsReply sampleBatchReply(const TdsFixture &f, const QString &failingPart = {})
{
    TdsReply reply;
    for (const QString &name : SampleAssembler::queryNames()) {
        TdsResultSet marker;
        marker.columns.append(*TdsFixture::column(QStringLiteral("bs_part"), QStringLiteral("nvarchar(128)")));
        marker.rows.append(QJsonArray{name});
        reply.resultSets.append(marker);
        const QString tag = name.section(QLatin1Char('.'), 1);
        if (tag == failingPart) {
            TdsResultSet error;
            error.columns.append(*TdsFixture::column(QStringLiteral("bs_error_number"), QStringLiteral("int")));
            error.columns.append(*TdsFixture::column(QStringLiteral("bs_error_message"), QStringLiteral("nvarchar(4000)")));
            error.rows.append(QJsonArray{300, QStringLiteral("VIEW SERVER STATE permission was denied on object 'server', "
                                                             "database 'master'.")});
            reply.resultSets.append(error);
        } else {
            reply.resultSets.append(f.queries.value(tag).resultSets);
        }
    }
    return reply;
}

int statementsWithTag(const TdsServer &server, const QStringList &tags)
{
    int n = 0;
    for (const QString &tag : tags)
        n += int(server.requestsFor(tag).size());
    return n;
}

QStringList partTags()
{
    QStringList tags;
    for (const QString &name : SampleAssembler::queryNames())
        tags.append(name.section(QLatin1Char('.'), 1));
    return tags;
}

/// A loopback socket that accepts TCP connections (the kernel completes the handshake) but never
/// answers: the driver has to give up at its login timeout.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof(addr);
        if (m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
            && ::listen(m_fd, 4) == 0 && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
            m_port = ntohs(addr.sin_port);
    }
    ~SilentListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestOdbcBrokerSource : public QObject
{
    Q_OBJECT

private:
    QString m_connectionString;
    TdsFixture m_monitor; ///< the monitor queries' answers (tests/integration/fixtures/monitor.json)

private Q_SLOTS:
    void initTestCase()
    {
        if (!OdbcDrivers::installed().contains(QStringLiteral("FreeTDS")))
            QSKIP("FreeTDS is not registered with unixODBC here (install tdsodbc); the real-ODBC tests need it.");
        const int port = closedLoopbackPort();
        QVERIFY(port > 0);
        ConnectionProfile p;
        p.driver = QStringLiteral("FreeTDS");
        p.server = QStringLiteral("127.0.0.1,%1").arg(port);
        p.database = QStringLiteral("SalesOps");
        p.userName = QStringLiteral("sa");
        p.loginTimeoutSeconds = LoginTimeoutSeconds;
        m_connectionString = OdbcConnectionString::build(p, QStringLiteral("not;used}"));
        QString error;
        const auto f = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/monitor.json"), &error);
        QVERIFY2(f, qPrintable(error));
        m_monitor = *f;
    }

    void closedPortFailsWithTheDriversTextWithoutBlocking()
    {
        OdbcBrokerSource source(m_connectionString, LoginTimeoutSeconds);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        QSignalSpy loaded(&source, &BrokerSource::catalogLoaded);
        QSignalSpy status(&source, &BrokerSource::statusChanged);

        // The caller's event loop keeps turning while the worker connects.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(1);

        QElapsedTimer clock;
        clock.start();
        source.loadCatalog();
        QVERIFY(source.isLoading());
        QVERIFY(failed.wait((LoginTimeoutSeconds + 5) * 1000));
        const qint64 elapsed = clock.elapsed();

        QCOMPARE(failed.size(), 1);
        QCOMPARE(loaded.size(), 0);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QLatin1String("[FreeTDS]")), qPrintable(message));
        QVERIFY2(elapsed <= LoginTimeoutSeconds * 1000 + 2000, qPrintable(QString::number(elapsed)));
        QVERIFY(ticks > 0);
        QVERIFY(!status.isEmpty());
        QVERIFY(status.at(0).at(0).toString().startsWith(QLatin1String("Connecting to 127.0.0.1")));
        QVERIFY(!source.isLoading());
    }

    void silentServerFailsAtTheLoginTimeout()
    {
        SilentListener silent;
        QVERIFY(silent.port() > 0);
        const int timeout = 2;
        OdbcBrokerSource source(QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;UID=sa;PWD=x;TDS_Version=7.4;")
                                    .arg(silent.port()),
                                timeout);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        QElapsedTimer clock;
        clock.start();
        source.loadCatalog();
        // The driver, not the caller, decides when to give up: no answer before the timeout...
        QVERIFY(!failed.wait(timeout * 1000 / 2));
        // ...and the failure arrives once it has passed, in the driver's words.
        QVERIFY(failed.wait((timeout + 8) * 1000));
        QVERIFY2(clock.elapsed() < (timeout + 8) * 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("[FreeTDS]")),
                 qPrintable(failed.at(0).at(0).toString()));
    }

    /// A server that answers PRELOGIN and then stalls, with FreeTDS's own version negotiation
    /// (TDS_Version=auto, which can retry without end): our deadline ends the attempt.
    void stalledLoginEndsAtOurDeadline()
    {
        TdsServer server;
        QVERIFY(server.start());
        server.setStallAfterPrelogin(true);
        const int timeout = 2;
        const QString cs = QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;UID=sa;PWD=x;TDS_Version=auto;")
                               .arg(server.port());
        {
            OdbcBrokerSource source(cs, timeout);
            QSignalSpy failed(&source, &BrokerSource::catalogFailed);
            QElapsedTimer clock;
            clock.start();
            source.loadCatalog();
            QVERIFY(failed.wait((timeout + 5) * 1000));
            qInfo().noquote() << "source failed after" << clock.elapsed() << "ms:" << failed.at(0).at(0).toString();
            QVERIFY2(clock.elapsed() < (timeout + 2) * 1000, qPrintable(QString::number(clock.elapsed())));
        }
        {
            ConnectionTester tester;
            QSignalSpy finished(&tester, &ConnectionTester::finished);
            QElapsedTimer clock;
            clock.start();
            tester.start(cs, timeout);
            QVERIFY(finished.wait((timeout + 5) * 1000));
            const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
            QVERIFY(!result.ok);
            QVERIFY(!result.message.isEmpty());
            QVERIFY2(clock.elapsed() < (timeout + 2) * 1000, qPrintable(QString::number(clock.elapsed())));
        }
    }

    /// A sample statement the server never finishes, not even when cancelled: the round ends at its
    /// deadline with a gap, and stopping sampling cancels the statement on the server at once.
    void stalledSampleStatementIsCancelledAtItsDeadline()
    {
        TdsServer server(m_monitor);
        QVERIFY(server.start());
        TdsReply hung = m_monitor.queries.value(QStringLiteral("queue_depth"));
        hung.delayMs = 60000;
        hung.ignoreAttention = true;
        server.setReply(QStringLiteral("queue_depth"), hung);
        OdbcBrokerSource source(server.connectionString(), 5);
        source.setSampleTimeoutSeconds(1);
        QSignalSpy missed(&source, &BrokerSource::sampleMissed);
        QElapsedTimer clock;
        clock.start();
        source.startSampling(1000);
        QVERIFY(missed.wait(10000));
        qInfo().noquote() << "round ended after" << clock.elapsed() << "ms:" << missed.at(0).at(1).toString();
        // Timeout 1 s + slack 1 s + grace 2 s after the cancel, plus the login. FreeTDS itself gives
        // up when its second timeout passes without the cancel's answer ("Communication link
        // failure"); where it does not, our deadline ends the round ("No answer from server").
        QVERIFY2(clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!missed.at(0).at(1).toString().isEmpty());
        QVERIFY(!server.requestsFor(QStringLiteral("queue_depth")).isEmpty());
        source.stopSampling();
        server.stop();
    }

    void stoppingSamplingCancelsTheRunningStatement()
    {
        TdsServer server(m_monitor);
        QVERIFY(server.start());
        TdsReply slow = m_monitor.queries.value(QStringLiteral("endpoints"));
        slow.delayMs = 60000;
        server.setReply(QStringLiteral("endpoints"), slow);
        auto attentions = [&server] {
            int n = 0;
            for (const TdsRequest &r : server.requests())
                n += r.kind == TdsRequest::Kind::Attention ? 1 : 0;
            return n;
        };
        OdbcBrokerSource source(server.connectionString(), 5);
        source.startSampling(1000);
        QTRY_VERIFY_WITH_TIMEOUT(!server.requestsFor(QStringLiteral("endpoints")).isEmpty(), 10000);
        QElapsedTimer clock;
        clock.start();
        source.stopSampling();
        QVERIFY(clock.elapsed() < 100);
        // The abandoned round does not scan on: its statement is cancelled on the server.
        QTRY_COMPARE_WITH_TIMEOUT(attentions(), 1, 3000);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    /// One round trip per sample: every part in one batch, one result set each; a part that fails
    /// on the server (a missing permission, caught by its TRY...CATCH) blanks only itself (issue #13).
    void oneRoundTripPerSample()
    {
        TdsServer server(m_monitor);
        QVERIFY(server.start());
        server.setReply(QStringLiteral("sample_batch"), sampleBatchReply(m_monitor, QStringLiteral("perf_counters")));
        OdbcBrokerSource source(server.connectionString(), 5);
        QSignalSpy samples(&source, &BrokerSource::sampleReady);
        source.startSampling(1000);
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 3, 15000);
        source.stopSampling();
        const qsizetype batches = server.requestsFor(QStringLiteral("sample_batch")).size();
        QVERIFY2(batches >= 3 && batches <= samples.size() + 1, qPrintable(server.requestLog()));
        QCOMPARE(statementsWithTag(server, partTags()), 0); // no statement per part
        const auto sample = samples.at(0).at(0).value<MonitorSample>();
        QCOMPARE(sample.endpointCount(), 1208);
        QVERIFY(sample.isAvailable(QStringLiteral("monitor.broker_enabled")));
        QVERIFY(sample.isAvailable(QStringLiteral("monitor.queue_depth")));
        QVERIFY(!sample.isAvailable(QStringLiteral("monitor.perf_counters")));
        // The batch carries every part's own statement, in sp_executesql, each after its marker.
        const QString text = server.requestsFor(QStringLiteral("sample_batch")).constFirst().text;
        for (const QString &name : SampleAssembler::queryNames()) {
            QVERIFY2(text.contains(QStringLiteral("CAST(N'%1' AS nvarchar(128)) AS bs_part").arg(name)), qPrintable(name));
            QVERIFY(text.contains(QStringLiteral("-- query: ") + name.section(QLatin1Char('.'), 1)));
        }
        QCOMPARE(text.count(QLatin1String("EXEC sys.sp_executesql N'")), SampleAssembler::queryNames().size());
    }

    /// A server (or driver) that cannot answer the batch: the poller reads one statement per part
    /// in the same round, and from then on, without losing a sample.
    void batchFallsBackToOneStatementPerPart()
    {
        TdsServer server(m_monitor); // knows no sample_batch: error 208
        QVERIFY(server.start());
        OdbcBrokerSource source(server.connectionString(), 5);
        QSignalSpy samples(&source, &BrokerSource::sampleReady);
        QSignalSpy missed(&source, &BrokerSource::sampleMissed);
        source.startSampling(1000);
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 15000);
        source.stopSampling();
        QCOMPARE(missed.size(), 0);
        QCOMPARE(server.requestsFor(QStringLiteral("sample_batch")).size(), 1);
        QVERIFY(server.requestsFor(QStringLiteral("broker_enabled")).size() >= 2);
        QCOMPARE(samples.at(0).at(0).value<MonitorSample>().endpointCount(), 1208);
    }

    void partBackoffRounds()
    {
        QCOMPARE(MonitorPoller::partBackoffRounds(1), 1);
        QCOMPARE(MonitorPoller::partBackoffRounds(2), 2);
        QCOMPARE(MonitorPoller::partBackoffRounds(3), 4);
        QCOMPARE(MonitorPoller::partBackoffRounds(40), MonitorPoller::MaxPartBackoffRounds);
        QVERIFY(MonitorPoller::isTimeout(QStringLiteral("1222"), QStringLiteral("Lock request time out period exceeded.")));
        QVERIFY(MonitorPoller::isTimeout(QString(), QStringLiteral("[FreeTDS][SQL Server]Timeout expired")));
        QVERIFY(!MonitorPoller::isTimeout(QStringLiteral("300"), QStringLiteral("VIEW SERVER STATE permission was denied")));
    }

    /// A part slower than its timeout is not run again at once: it sits out 1, 2, 4 … rounds while
    /// the other parts are read every round (issue #13: never pile up on a struggling server).
    void timedOutPartBacksOff()
    {
        TdsServer server(m_monitor);
        QVERIFY(server.start());
        TdsReply slow = m_monitor.queries.value(QStringLiteral("endpoints"));
        slow.delayMs = 60000;
        server.setReply(QStringLiteral("endpoints"), slow);
        OdbcBrokerSource source(server.connectionString(), 5);
        source.setSampleTimeoutSeconds(1);
        // Rounds back to back (no server time share stretching the 1 s rounds to 10 s): this is
        // about the part's backoff; tst_tdscensus covers the time share.
        SamplingPolicy policy;
        policy.serverTimeSharePercent = 100;
        source.setSamplingPolicy(policy);
        QSignalSpy samples(&source, &BrokerSource::sampleReady);
        source.startSampling(1000);
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 5, 30000);
        source.stopSampling();
        const qsizetype rounds = server.requestsFor(QStringLiteral("broker_enabled")).size();
        const qsizetype tries = server.requestsFor(QStringLiteral("endpoints")).size();
        qInfo() << rounds << "rounds," << tries << "tries of the slow part";
        // Rounds 1, 3 and 6 try it (sitting out 1, then 2 rounds); never every round.
        QVERIFY(rounds >= 5);
        QVERIFY2(tries >= 2 && tries <= (rounds + 2) / 2, qPrintable(QString::number(tries)));
        const auto second = samples.at(1).at(0).value<MonitorSample>();
        QVERIFY(!second.isAvailable(QStringLiteral("monitor.endpoints")));
        QVERIFY(second.isAvailable(QStringLiteral("monitor.broker_enabled")));
    }

    void cancelDropsTheLateResult()
    {
        OdbcBrokerSource source(m_connectionString, LoginTimeoutSeconds);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        QSignalSpy loaded(&source, &BrokerSource::catalogLoaded);
        source.loadCatalog();
        source.cancel();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("cancelled")));
        QVERIFY(!source.isLoading());
        // Let the abandoned worker finish, then deliver whatever it queued: nothing more arrives.
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone((LoginTimeoutSeconds + 5) * 1000));
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(loaded.size(), 0);
    }

    void reloadSupersedesTheFirstAttempt()
    {
        OdbcBrokerSource source(m_connectionString, LoginTimeoutSeconds);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        source.loadCatalog();
        source.loadCatalog();
        QVERIFY(failed.wait((LoginTimeoutSeconds + 5) * 1000));
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone((LoginTimeoutSeconds + 5) * 1000));
        QCoreApplication::processEvents();
        QCOMPARE(failed.size(), 1);
    }

    void unknownDataSourceNamesTheDriverManager()
    {
        OdbcBrokerSource source(QStringLiteral("DSN=bs-no-such-dsn;UID=u;PWD=p"), LoginTimeoutSeconds);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        source.loadCatalog();
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("[unixODBC]")),
                 qPrintable(failed.at(0).at(0).toString()));
    }

    void testerReportsBusyThenTheError()
    {
        ConnectionTester tester;
        QSignalSpy busy(&tester, &ConnectionTester::busyChanged);
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(m_connectionString, LoginTimeoutSeconds);
        QVERIFY(tester.isBusy());
        QCOMPARE(busy.size(), 1);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QVERIFY(finished.wait((LoginTimeoutSeconds + 5) * 1000));
        const auto result = finished.at(0).at(0).value<ConnectionTestResult>();
        QVERIFY(!result.ok);
        QVERIFY(result.message.contains(QLatin1String("Unable to connect")));
        QVERIFY(!tester.isBusy());
        QCOMPARE(busy.last().at(0).toBool(), false);
    }

    void testerCancelIsSilent()
    {
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(m_connectionString, LoginTimeoutSeconds);
        tester.cancel();
        QVERIFY(!tester.isBusy());
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone((LoginTimeoutSeconds + 5) * 1000));
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 0);
    }

    void samplingReportsTheLostConnectionAndStopsWithoutWaiting()
    {
        OdbcBrokerSource source(m_connectionString, LoginTimeoutSeconds);
        QSignalSpy status(&source, &BrokerSource::statusChanged);
        QSignalSpy samples(&source, &BrokerSource::sampleReady);
        source.startSampling(1000);
        QVERIFY(source.isSampling());
        // Nothing listens: the poller reports the gap with the driver's words and retries,
        // instead of producing samples.
        auto saidWhy = [&status] {
            for (const QList<QVariant> &args : status) {
                if (args.at(0).toString().contains(QLatin1String("[FreeTDS]")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(saidWhy(), (LoginTimeoutSeconds + 5) * 1000);
        QCOMPARE(samples.size(), 0);
        QElapsedTimer clock;
        clock.start();
        source.stopSampling();
        QVERIFY(!source.isSampling());
        QVERIFY(clock.elapsed() < 1000);
        // No status arrives from a stopped poller.
        QVERIFY(!status.wait(300));
    }

    void liveServerWhenConfigured()
    {
        // A real SQL Server is not available on the build machine; give one to run this test.
        // The one variable for live-server tests (docs/odbc-data-path.md).
        const QString live = qEnvironmentVariable("BROKER_STUDIO_TEST_ODBC");
        if (live.isEmpty())
            QSKIP("BROKER_STUDIO_TEST_ODBC is not set: live SQL Server test skipped.");
        OdbcBrokerSource source(live, 15);
        QSignalSpy loaded(&source, &BrokerSource::catalogLoaded);
        QSignalSpy failed(&source, &BrokerSource::catalogFailed);
        source.loadCatalog();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
        const auto catalog = loaded.at(0).at(0).value<BrokerCatalog>();
        QVERIFY(!catalog.database.databaseName.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOdbcBrokerSource)
#include "tst_odbcbrokersource.moc"

#include "data/odbc/connectiontester.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbccatalogreader.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/odbc/odbcdrivers.h"

#include <QElapsedTimer>
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
        const QString live = qEnvironmentVariable("BS_TEST_SQLSERVER_CONNECTION");
        if (live.isEmpty())
            QSKIP("BS_TEST_SQLSERVER_CONNECTION is not set: live SQL Server test skipped.");
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

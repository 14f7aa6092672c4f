#include "data/odbc/odbcdrivers.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace bs;

/// `broker-studio catalog --connection … --login-timeout 3` against a server that accepts TCP and
/// never answers, and one that answers PRELOGIN then stalls: the command fails cleanly within the
/// timeout plus slack, also when FreeTDS itself would retry without end (TDS_Version=auto), and the
/// process exits at once although a worker thread is still stuck in the driver (issue #11).
class TestCatalogDeadline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!OdbcDrivers::installed().contains(QStringLiteral("FreeTDS")))
            QSKIP("FreeTDS is not registered with unixODBC here (install tdsodbc); the real-ODBC tests need it.");
    }

    void failsWithinTheLoginTimeout_data()
    {
        QTest::addColumn<bool>("stallAfterPrelogin");
        QTest::addColumn<QString>("tdsVersion"); // appended to the connection string
        QTest::newRow("silent, no TDS_Version") << false << QString();
        QTest::newRow("silent, TDS_Version=auto") << false << QStringLiteral("TDS_Version=auto;");
        QTest::newRow("PRELOGIN then stall, no TDS_Version") << true << QString();
        QTest::newRow("PRELOGIN then stall, TDS_Version=auto") << true << QStringLiteral("TDS_Version=auto;");
    }

    void failsWithinTheLoginTimeout()
    {
        QFETCH(bool, stallAfterPrelogin);
        QFETCH(QString, tdsVersion);
        TdsServer server;
        QVERIFY(server.start());
        server.setSilent(!stallAfterPrelogin);
        server.setStallAfterPrelogin(stallAfterPrelogin);
        const QString connection = QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;UID=bs_test;PWD=x;%2")
                                       .arg(server.port())
                                       .arg(tdsVersion);
        QProcess cli;
        QElapsedTimer clock;
        clock.start();
        cli.start(QStringLiteral(BS_APP_PATH),
                  {QStringLiteral("catalog"), QStringLiteral("--connection"), connection, QStringLiteral("--login-timeout"),
                   QStringLiteral("3")});
        QVERIFY(cli.waitForStarted());
        const bool ended = cli.waitForFinished(20000);
        const qint64 ms = clock.elapsed();
        if (!ended)
            cli.kill();
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        qInfo().noquote() << "ended after" << ms << "ms:" << err;
        QVERIFY2(ended, "the command hung");
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit); // no crash at exit
        QCOMPARE(cli.exitCode(), 1);
        // 3 s login timeout + 1 s of our slack, plus process start-up and the machine's share.
        QVERIFY2(ms < 3000 + 2000, qPrintable(QString::number(ms)));
        QVERIFY(err.contains(QLatin1String("cannot read the catalog")));
        QCOMPARE(err.contains(QLatin1String("note: FreeTDS: no TDS_Version given, using TDS_Version=7.4")),
                 tdsVersion.isEmpty());
        QVERIFY(!err.contains(QLatin1String("PWD=x")));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestCatalogDeadline)
#include "tst_catalogdeadline.moc"

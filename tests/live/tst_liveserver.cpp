#include "data/monitor/monitorpoller.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/runner/runreport.h"
#include "data/runner/scriptrunner.h"
#include "odbctestconnection.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QTest>
#include <QThread>

using namespace bs;

/// The application's data path against a real SQL Server: BROKER_STUDIO_TEST_ODBC holds the
/// connection string (for example "Driver={FreeTDS};Server=127.0.0.1;Port=1433;Database=
/// BrokerStudioTest;UID=sa;PWD={...};TDS_Version=7.4;ClientCharset=UTF-8;"). Without it every
/// test is skipped with the reason. Read-only, except the script test, which only runs SELECTs
/// and a RAISERROR.
class TestLiveServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void connects();
    void catalogLoads();
    void monitorSamples();
    void scriptStopsAtFailingBatch();

private:
    QString m_connectionString;
};

#define REQUIRE_LIVE_SERVER()                                                                          \
    do {                                                                                               \
        if (m_connectionString.isEmpty())                                                              \
            QSKIP("BROKER_STUDIO_TEST_ODBC is not set: no live SQL Server, test skipped "              \
                  "(see docs/odbc-data-path.md)");                                                     \
    } while (false)

void TestLiveServer::initTestCase()
{
    m_connectionString = qEnvironmentVariable("BROKER_STUDIO_TEST_ODBC");
    if (m_connectionString.isEmpty())
        qInfo("BROKER_STUDIO_TEST_ODBC is not set: the live-server suite is skipped.");
}

void TestLiveServer::connects()
{
    REQUIRE_LIVE_SERVER();
    OdbcTestConnection c(m_connectionString, 15);
    QVERIFY2(c.open(), qPrintable(c.errorText()));
}

void TestLiveServer::catalogLoads()
{
    REQUIRE_LIVE_SERVER();
    OdbcBrokerSource source(m_connectionString, 15);
    QSignalSpy loaded(&source, &BrokerSource::catalogLoaded);
    QSignalSpy failed(&source, &BrokerSource::catalogFailed);
    source.loadCatalog();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    const BrokerCatalog catalog = loaded.first().first().value<BrokerCatalog>();
    QVERIFY(!catalog.database.databaseName.isEmpty());
    for (const CatalogProblem &p : catalog.problems)
        qWarning().noquote() << "catalog problem:" << p.part << p.message << p.permission;
    QVERIFY(catalog.problems.isEmpty());
    // Every database has the DEFAULT message type and contract.
    QVERIFY(catalog.contractByName(QStringLiteral("DEFAULT")));
}

void TestLiveServer::monitorSamples()
{
    REQUIRE_LIVE_SERVER();
    QThread thread;
    auto *poller = new MonitorPoller(m_connectionString);
    poller->setIntervalMs(MonitorPoller::MinIntervalMs);
    poller->moveToThread(&thread);
    connect(&thread, &QThread::finished, poller, &QObject::deleteLater);
    QSignalSpy samples(poller, &MonitorPoller::sampleReady);
    thread.start();
    QMetaObject::invokeMethod(poller, &MonitorPoller::start);
    QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 60000);
    QMetaObject::invokeMethod(poller, &MonitorPoller::stop, Qt::BlockingQueuedConnection);
    thread.requestInterruption();
    thread.quit();
    thread.wait();
    const MonitorSample sample = samples.last().first().value<MonitorSample>();
    QVERIFY(sample.time.isValid());
    QVERIFY(sample.isBrokerEnabled.has_value());
    for (const UnavailablePart &p : sample.unavailable)
        qWarning().noquote() << "unavailable:" << p.part << p.message << p.permission;
}

void TestLiveServer::scriptStopsAtFailingBatch()
{
    REQUIRE_LIVE_SERVER();
    const QString script = QStringLiteral("SELECT 1 AS first_batch;\nGO\nSELECT 2 AS second_batch;\n"
                                          "RAISERROR(N'broker studio live test', 16, 1);\nGO\nSELECT 3;\nGO\n");
    ScriptRunner runner(ScriptRunner::odbcFactory(m_connectionString));
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(script, QStringLiteral("live.sql")));
    QVERIFY(finished.wait(60000));
    const RunReport report = finished.first().first().value<RunReport>();
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    QCOMPARE(report.failedBatchIndex, 1);
    QCOMPARE(report.failure.errorNumber, 50000);
    QVERIFY2(report.message.contains(QLatin1String("broker studio live test")), qPrintable(report.message));
    // Line 4 of the script when the driver reports the line (Microsoft's drivers); the batch's
    // first line (3) when it does not.
    qInfo() << "reported script line" << report.failedScriptLine;
    QVERIFY(report.failedScriptLine == 4 || report.failedScriptLine == 3);
}

QTEST_GUILESS_MAIN(TestLiveServer)
#include "tst_liveserver.moc"

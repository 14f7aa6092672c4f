#include "data/runner/runreport.h"
#include "data/runner/scriptrunner.h"
#include "tdsserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace bs;

/// A generated-style install script run by ScriptRunner through QODBC -> FreeTDS -> the TDS
/// test server: batches arrive in order, the first failing batch stops the run, its line is
/// reported.
class TestTdsScript : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void batchesArriveInOrder();
    void firstFailingBatchStopsTheRun();

private:
    RunReport run(const QString &script);
    QStringList batchesSeen() const;

    std::unique_ptr<TdsServer> m_server;
};

namespace {

const QString goodScript = QStringLiteral(
    "SET NOCOUNT ON;\n"
    "GO\n"
    "CREATE MESSAGE TYPE [//Demo/Task] VALIDATION = NONE;\n"
    "GO\n"
    "CREATE CONTRACT [//Demo/Contract] ([//Demo/Task] SENT BY INITIATOR);\n"
    "GO\n"
    "CREATE QUEUE dbo.TaskQueue WITH STATUS = ON;\n"
    "GO\n");

// The third batch starts on line 5; its error is on line 2 of the batch, so line 6 of the script.
const QString badScript = QStringLiteral(
    "CREATE MESSAGE TYPE [//Demo/Task] VALIDATION = NONE;\n"
    "GO\n"
    "CREATE QUEUE dbo.TaskQueue WITH STATUS = ON;\n"
    "GO\n"
    "-- a second queue\n"
    "CREATE QUEUE dbo.DuplicateQueue WITH STATUS = ON;\n"
    "GO\n"
    "CREATE SERVICE [//Demo/Never] ON QUEUE dbo.TaskQueue;\n"
    "GO\n");

} // namespace

void TestTdsScript::init()
{
    QString error;
    const auto f = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/script.json"), &error);
    QVERIFY2(f, qPrintable(error));
    m_server = std::make_unique<TdsServer>(*f);
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestTdsScript::cleanup()
{
    if (QTest::currentTestFailed())
        qInfo().noquote() << "server log:\n" << m_server->requestLog();
    m_server.reset();
}

RunReport TestTdsScript::run(const QString &script)
{
    ScriptRunner runner(ScriptRunner::odbcFactory(m_server->connectionString()));
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    if (!runner.start(script, QStringLiteral("install.sql")))
        return {};
    if (!finished.wait(15000))
        return {};
    return finished.first().first().value<RunReport>();
}

QStringList TestTdsScript::batchesSeen() const
{
    QStringList out;
    for (const TdsRequest &r : m_server->requests()) {
        if (r.kind == TdsRequest::Kind::Batch && r.text.contains(QLatin1String("CREATE")))
            out.append(r.text.trimmed());
    }
    return out;
}

void TestTdsScript::batchesArriveInOrder()
{
    const RunReport report = run(goodScript);
    QVERIFY2(report.succeeded(), qPrintable(report.message));
    QCOMPARE(report.batchCount, 4);
    QCOMPARE(report.batchesSucceeded, 4);
    const QStringList seen = batchesSeen();
    QCOMPARE(seen.size(), 3);
    QVERIFY(seen.at(0).startsWith(QLatin1String("CREATE MESSAGE TYPE")));
    QVERIFY(seen.at(1).startsWith(QLatin1String("CREATE CONTRACT")));
    QVERIFY(seen.at(2).startsWith(QLatin1String("CREATE QUEUE dbo.TaskQueue")));
}

void TestTdsScript::firstFailingBatchStopsTheRun()
{
    const RunReport report = run(badScript);
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    QCOMPARE(report.failedBatchIndex, 2);
    QCOMPARE(report.failure.errorNumber, 2714);
    QVERIFY2(report.message.contains(QLatin1String("There is already an object named 'DuplicateQueue' in the database.")),
             qPrintable(report.message));
    // The line within the batch comes from the driver's diagnostics; FreeTDS may not report it,
    // in which case the runner can only point at the batch's first line.
    qInfo() << "line in batch" << report.failure.line << "script line" << report.failedScriptLine;
    QVERIFY(report.failedScriptLine == 6 || (report.failure.line == 0 && report.failedScriptLine == 5));
    // The batch after the failing one never reached the server.
    const QStringList seen = batchesSeen();
    QCOMPARE(seen.size(), 3);
    QVERIFY(seen.last().contains(QLatin1String("DuplicateQueue")));
}

QTEST_GUILESS_MAIN(TestTdsScript)
#include "tst_tdsscript.moc"

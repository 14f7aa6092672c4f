#include "data/runner/batchexecutor.h"
#include "data/runner/scriptrunner.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bs;

namespace {

// What the fake "server" saw, shared between the test and the executor on the worker thread.
struct FakeServer
{
    QMutex mutex;
    QStringList executed;
    bool opened = false;
    bool closed = false;
    bool refuseConnection = false;
    // A batch containing this marker fails with the given error at the marker's line.
    QString failMarker = QStringLiteral("RAISE_HERE");
    int errorNumber = 2714;
    // A batch containing this marker blocks until the test releases `gate`.
    QString blockMarker = QStringLiteral("BLOCK_HERE");
    QSemaphore gate;
    QSemaphore blocked;
};

class FakeExecutor : public BatchExecutor
{
public:
    explicit FakeExecutor(std::shared_ptr<FakeServer> server)
        : m_server(std::move(server))
    {
    }
    bool open(QString *error) override
    {
        QMutexLocker lock(&m_server->mutex);
        if (m_server->refuseConnection) {
            *error = u"Login failed for user 'x'."_qs;
            return false;
        }
        m_server->opened = true;
        return true;
    }
    ExecResult execute(const QString &batch) override
    {
        if (batch.contains(m_server->blockMarker)) {
            m_server->blocked.release();
            m_server->gate.acquire();
        }
        QMutexLocker lock(&m_server->mutex);
        m_server->executed.append(batch);
        ExecResult r;
        const QStringList lines = batch.split(u'\n');
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).contains(m_server->failMarker)) {
                r.ok = false;
                r.errorNumber = m_server->errorNumber;
                r.line = i + 1;
                r.message = u"There is already an object named 'q' in the database."_qs;
                r.messages << (u"[FakeDriver][SQL Server]"_qs + r.message);
            }
        }
        return r;
    }
    void close() override
    {
        QMutexLocker lock(&m_server->mutex);
        m_server->closed = true;
    }

private:
    std::shared_ptr<FakeServer> m_server;
};

ScriptRunner::ExecutorFactory factoryFor(const std::shared_ptr<FakeServer> &server)
{
    return [server]() -> std::unique_ptr<BatchExecutor> { return std::make_unique<FakeExecutor>(server); };
}

RunReport runToEnd(ScriptRunner &runner, const QString &script)
{
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    if (!runner.start(script, u"install.sql"_qs))
        return RunReport();
    if (!finished.wait(10000))
        return RunReport();
    return finished.at(0).at(0).value<RunReport>();
}

} // namespace

class TestScriptRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsAllBatchesInOrder();
    void stopsAtFirstFailingBatch_data();
    void stopsAtFirstFailingBatch();
    void repeatCount();
    void signalsInOrder();
    void honoursCancel();
    void connectionFailure();
    void invalidScript();
    void refusesSecondStart();
    void savesLog();
    void odbcConnectionFailure();
    void odbcExecutorStopsOnServerError();
};

void TestScriptRunner::runsAllBatchesInOrder()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, u"SELECT 1;\nGO\nSELECT 2;\nGO\n\nSELECT 3;\n"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::Succeeded);
    QCOMPARE(report.batchCount, 3);
    QCOMPARE(report.batchesSucceeded, 3);
    QCOMPARE(server->executed, (QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs, u"SELECT 3;"_qs}));
    QVERIFY(server->opened);
    QVERIFY(server->closed);
    QCOMPARE(report.log.size(), 3);
    QCOMPARE(report.log.at(2).batch.startLine, 6);
    QVERIFY(!runner.isRunning());
}

void TestScriptRunner::stopsAtFirstFailingBatch_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("failedIndex");
    QTest::addColumn<int>("batchStart");
    QTest::addColumn<int>("scriptLine");
    QTest::addColumn<int>("executedCount");

    QTest::newRow("first line of second batch") << u"SELECT 1;\nGO\nRAISE_HERE\nGO\nSELECT 3;"_qs << 1 << 3 << 3 << 2;
    // Batch 2 starts at line 5 (after blank lines); the error is on its third line: 5 + 3 - 1.
    QTest::newRow("third line of a later batch")
        << u"SELECT 1;\nGO\n\n\nCREATE QUEUE a;\n-- comment\nRAISE_HERE;\nGO\nSELECT 3;\nGO\nRAISE_HERE"_qs << 1 << 5 << 7
        << 2;
    QTest::newRow("first batch") << u"RAISE_HERE\nGO\nSELECT 2;"_qs << 0 << 1 << 1 << 1;
    QTest::newRow("CRLF script") << u"SELECT 1;\r\nGO\r\nSELECT 2;\r\nRAISE_HERE\r\nGO\r\n"_qs << 1 << 3 << 4 << 2;
}

void TestScriptRunner::stopsAtFirstFailingBatch()
{
    QFETCH(QString, script);
    QFETCH(int, failedIndex);
    QFETCH(int, batchStart);
    QFETCH(int, scriptLine);
    QFETCH(int, executedCount);

    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, script);
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    QCOMPARE(report.failedBatchIndex, failedIndex);
    QCOMPARE(report.failedBatch.startLine, batchStart);
    QCOMPARE(report.failedScriptLine, scriptLine);
    QCOMPARE(report.failure.errorNumber, 2714);
    QCOMPARE(report.failure.message, u"There is already an object named 'q' in the database."_qs);
    QCOMPARE(report.batchesSucceeded, failedIndex);
    QCOMPARE(server->executed.size(), executedCount);
    QVERIFY(report.failedBatch.text.contains(u"RAISE_HERE"_qs));
    QVERIFY2(report.message.contains(u"line %1"_qs.arg(scriptLine)), qPrintable(report.message));
    QVERIFY(report.message.contains(report.failure.message));
    QVERIFY(server->closed);
}

void TestScriptRunner::repeatCount()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, u"INSERT t DEFAULT VALUES;\nGO 3\nSELECT 2;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::Succeeded);
    QCOMPARE(server->executed,
             (QStringList{u"INSERT t DEFAULT VALUES;"_qs, u"INSERT t DEFAULT VALUES;"_qs, u"INSERT t DEFAULT VALUES;"_qs,
                          u"SELECT 2;"_qs}));
    QCOMPARE(report.batchesSucceeded, 2);
    QCOMPARE(report.log.size(), 4);
    QCOMPARE(report.log.at(2).iteration, 3);
}

void TestScriptRunner::signalsInOrder()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    QStringList events;
    connect(&runner, &ScriptRunner::started, this, [&](int n) { events << u"started %1"_qs.arg(n); });
    connect(&runner, &ScriptRunner::batchStarted, this,
            [&](int i, int n, int line) { events << u"batch %1/%2 line %3"_qs.arg(i).arg(n).arg(line); });
    connect(&runner, &ScriptRunner::batchFinished, this,
            [&](int i, int n, bool ok) { events << u"done %1/%2 %3"_qs.arg(i).arg(n).arg(ok ? u"ok"_qs : u"failed"_qs); });
    connect(&runner, &ScriptRunner::progress, this, [&](int done, int total) { events << u"progress %1/%2"_qs.arg(done).arg(total); });
    connect(&runner, &ScriptRunner::finished, this, [&](const RunReport &) { events << u"finished"_qs; });

    const RunReport report = runToEnd(runner, u"SELECT 1;\nGO\nSELECT 2;\nGO\nRAISE_HERE\nGO\nSELECT 4;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    const QStringList expected{
        u"started 4"_qs,       u"batch 0/4 line 1"_qs, u"done 0/4 ok"_qs,     u"progress 1/4"_qs,
        u"batch 1/4 line 3"_qs, u"done 1/4 ok"_qs,     u"progress 2/4"_qs,    u"batch 2/4 line 5"_qs,
        u"done 2/4 failed"_qs, u"progress 2/4"_qs,    u"finished"_qs,
    };
    QCOMPARE(events, expected);
}

void TestScriptRunner::honoursCancel()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(u"SELECT 1;\nGO\nBLOCK_HERE;\nGO\nSELECT 3;\nGO\nSELECT 4;"_qs));
    // Wait until the worker is inside batch 2, cancel, then let that batch end.
    QVERIFY(server->blocked.tryAcquire(1, 10000));
    runner.cancel();
    server->gate.release();
    QVERIFY(finished.wait(10000));
    const RunReport report = finished.at(0).at(0).value<RunReport>();
    QCOMPARE(report.outcome, RunReport::Outcome::Cancelled);
    QCOMPARE(report.batchesSucceeded, 2);
    QCOMPARE(server->executed, (QStringList{u"SELECT 1;"_qs, u"BLOCK_HERE;"_qs}));
    QVERIFY(report.message.contains(u"Cancelled"_qs));
    QVERIFY(server->closed);
}

void TestScriptRunner::connectionFailure()
{
    auto server = std::make_shared<FakeServer>();
    server->refuseConnection = true;
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, u"SELECT 1;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::ConnectionFailed);
    QCOMPARE(report.message, u"Login failed for user 'x'."_qs);
    QVERIFY(server->executed.isEmpty());
}

void TestScriptRunner::invalidScript()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, u"SELECT 1;\nGO 0\nSELECT 2;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::ScriptInvalid);
    QCOMPARE(report.failedScriptLine, 2);
    QVERIFY(server->executed.isEmpty());
    QVERIFY(!server->opened);
}

void TestScriptRunner::refusesSecondStart()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(u"BLOCK_HERE;"_qs));
    QVERIFY(server->blocked.tryAcquire(1, 10000));
    QVERIFY(runner.isRunning());
    QVERIFY(!runner.start(u"SELECT 2;"_qs));
    server->gate.release();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(server->executed, QStringList{u"BLOCK_HERE;"_qs});
}

void TestScriptRunner::savesLog()
{
    auto server = std::make_shared<FakeServer>();
    ScriptRunner runner(factoryFor(server));
    const RunReport report = runToEnd(runner, u"SELECT 1;\nGO\n-- make it\nRAISE_HERE\nGO\nSELECT 3;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"run.log.sql"_qs);
    QString error;
    QVERIFY2(report.saveLog(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QCOMPARE(text, report.logText());
    QVERIFY(text.contains(u"-- script:   install.sql"_qs));
    QVERIFY(text.contains(u"FAILED; 1 of 3 batches succeeded"_qs));
    QVERIFY(text.contains(u"-- batch 2 of 3, script line 3"_qs));
    QVERIFY(text.contains(u"error 2714 at line 2 of the batch (script line 4)"_qs));
    QVERIFY(text.contains(u"-- make it\nRAISE_HERE\nGO\n"_qs));
    QVERIFY(!text.contains(u"SELECT 3;"_qs));
}

// The real QODBC path up to the driver: a refused connection becomes ConnectionFailed with the
// driver's own text, and nothing runs. (No SQL Server can run here.)
void TestScriptRunner::odbcConnectionFailure()
{
    if (!QSqlDatabase::isDriverAvailable(u"QODBC"_qs))
        QSKIP("The Qt ODBC driver (libqt6sql6-odbc) is not installed");
    ScriptRunner runner(ScriptRunner::odbcFactory(
        u"Driver={FreeTDS};Server=127.0.0.1;Port=1;Database=master;UID=nobody;PWD=wrong;TDS_Version=7.4;"_qs));
    QSignalSpy batches(&runner, &ScriptRunner::batchStarted);
    const RunReport report = runToEnd(runner, u"SELECT 1;\nGO\nSELECT 2;"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::ConnectionFailed);
    QVERIFY(!report.message.isEmpty());
    QVERIFY(report.log.isEmpty());
    QCOMPARE(batches.size(), 0);
    qInfo() << "driver said:" << report.message;
}

// OdbcBatchExecutor through QODBC against a local ODBC driver (SQLite's, as no SQL Server runs
// here): the failing batch's text comes from the statement's own diagnostic records, and the
// batches after it do not run.
void TestScriptRunner::odbcExecutorStopsOnServerError()
{
    if (!QSqlDatabase::isDriverAvailable(u"QODBC"_qs) || !QSqlDatabase::isDriverAvailable(u"QSQLITE"_qs))
        QSKIP("QODBC and QSQLITE are needed");
    QFile odbcinst(u"/etc/odbcinst.ini"_qs);
    if (!odbcinst.open(QIODevice::ReadOnly) || !odbcinst.readAll().contains("[SQLite3]"))
        QSKIP("The SQLite3 ODBC driver (libsqliteodbc) is not registered");
    QTemporaryDir dir;
    const QString file = dir.filePath(u"runner.db"_qs);
    ScriptRunner runner(ScriptRunner::odbcFactory(u"Driver={SQLite3};Database=%1;"_qs.arg(file)));
    const RunReport report = runToEnd(runner, u"CREATE TABLE t (i int);\nGO\nINSERT INTO t VALUES (1);\nGO\n\n"
                                                u"SELECT *\nFROM no_such_table;\nGO\nINSERT INTO t VALUES (2);\n"_qs);
    QCOMPARE(report.outcome, RunReport::Outcome::Failed);
    QCOMPARE(report.failedBatchIndex, 2);
    QCOMPARE(report.failedBatch.startLine, 6);
    QVERIFY2(report.failure.message.contains(u"no_such_table"_qs), qPrintable(report.failure.message));
    QVERIFY(!report.failure.message.startsWith(u'['));
    QVERIFY(!report.failure.messages.isEmpty());
    // Read from the statement's diagnostics, not QSqlError's summary.
    QVERIFY(!report.failure.messages.join(u' ').contains(u"Unable to execute statement"_qs));
    QCOMPARE(report.batchesSucceeded, 2);
    {
        QSqlDatabase check = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"check"_qs);
        check.setDatabaseName(file);
        QVERIFY(check.open());
        QSqlQuery q(check);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM t"_qs));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(u"check"_qs);
}

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_scriptrunner.moc"

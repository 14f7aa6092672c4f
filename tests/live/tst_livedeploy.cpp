#include "core/script/patternoptions.h"
#include "core/sqlquote.h"
#include "data/runner/runreport.h"
#include "data/runner/scriptrunner.h"
#include "odbctestconnection.h"
#include "scratchdatabase.h"

#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace bs;

/// Deployment of each generated pattern on a real SQL Server (issue 6, live-server suite):
/// a scratch database with Service Broker enabled, install.sql through ScriptRunner (the
/// wizard's path), two allow-listed task procedures (one succeeds, one fails), N tasks through
/// the generated _Enqueue, a deadline-bounded wait until every task log row is final, the
/// outcomes, the grants (the callers' role may run _Enqueue only; writes denied to public, tried
/// as a caller), _Cleanup at most once per interval, the endpoint population of PATTERNS.md,
/// uninstall.sql and the objects gone (the role with its member); the
/// scratch database is dropped by a guard whatever happened. BROKER_STUDIO_TEST_ODBC holds the
/// connection string of a login that may CREATE DATABASE; without it every test is skipped.
///
/// The test's own T-SQL reads only documented catalog columns: sys.conversation_endpoints
/// (is_initiator tinyint, service_id int, lifetime datetime, state char(2): SO, SI, CO, DI,
/// DO, ER, CD), sys.services (service_id, name), sys.service_message_types (name),
/// sys.service_contracts (name), sys.service_queues and sys.objects (schema_id, name),
/// sys.database_principals (name, type R = role) and sys.database_permissions (class, major_id,
/// grantee_principal_id, permission_name, state_desc).
class TestLiveDeploy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deploysPattern_data();
    void deploysPattern();

private:
    QString m_connectionString;
};

namespace {

// Tasks per pattern; every FailEvery-th one runs the failing procedure.
constexpr int TaskCount = 24;
constexpr int FailEvery = 4;
// Generous: activation ramps up one reader at a time, a few seconds apart.
constexpr int TasksDeadlineMs = 180000;
constexpr int EndpointsDeadlineMs = 120000;

const QLatin1String OkProcedure("LiveTaskSucceeds");
const QLatin1String FailProcedure("LiveTaskFails");
const QLatin1String DeniedProcedure("LiveTaskNotAllowed");
constexpr int FailErrorNumber = 50010;

QString twoPart(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

bool expectsFailure(int task)
{
    return task % FailEvery == FailEvery - 1;
}

QString claimOf(int task)
{
    return QStringLiteral("live task %1").arg(task);
}

// Runs a script the way the wizard does: ScriptRunner with the ODBC executor factory.
RunReport runScript(const QString &connectionString, const GeneratedScript &script)
{
    ScriptRunner runner(ScriptRunner::odbcFactory(connectionString));
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    RunReport notRun;
    notRun.outcome = RunReport::Outcome::Failed;
    if (!runner.start(script.text, script.fileName)) {
        notRun.message = QStringLiteral("the runner did not start");
        return notRun;
    }
    if (!finished.wait(300000)) {
        notRun.message = QStringLiteral("the runner did not finish within 5 minutes");
        return notRun;
    }
    return finished.first().first().value<RunReport>();
}

bool exec(QSqlQuery &query, const QString &statement, QString *error)
{
    if (query.exec(statement))
        return true;
    *error = statement + QStringLiteral(": ") + query.lastError().text();
    return false;
}

// Rows of the task log in a final outcome, and rows in all; -1 when the query fails.
struct LogProgress
{
    int final = -1;
    int total = -1;
    QString error;
};

LogProgress logProgress(const QSqlDatabase &db, const QString &taskLog)
{
    LogProgress p;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT SUM(CASE WHEN outcome IN ('succeeded', 'failed', 'expired', "
                                       "'broker_error') THEN 1 ELSE 0 END), COUNT(*) FROM ") +
                        taskLog + u';';
    if (!q.exec(sql) || !q.next()) {
        p.error = q.lastError().text();
        return p;
    }
    p.final = q.value(0).toInt();
    p.total = q.value(1).toInt();
    return p;
}

// The endpoints of the pattern's two services, by side and state.
struct EndpointPopulation
{
    int initiators = 0;
    int targets = 0;
    int initiatorsConversing = 0;
    int targetsConversing = 0;
    int targetsClosed = 0;
    // Largest minutes from now to a target endpoint's lifetime; -1 when there is none.
    qint64 maxTargetLifetimeMinutes = -1;
    QString text; // "is_initiator/state:count ...", for failure messages
    QString error;
};

EndpointPopulation endpointPopulation(const QSqlDatabase &db, const QStringList &serviceNames)
{
    EndpointPopulation p;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // DATEDIFF in minutes: the default lifetime (about 68 years) overflows int in seconds.
    // lifetime is compared with UTC (SERVICE_BROKER.md notes it is UTC, unconfirmed), so the
    // check below leaves a day of slack for a server clock in another zone.
    q.prepare(QStringLiteral("SELECT ce.is_initiator, ce.state, COUNT(*), "
                             "MAX(DATEDIFF(minute, GETUTCDATE(), ce.lifetime)) "
                             "FROM sys.conversation_endpoints AS ce "
                             "JOIN sys.services AS s ON s.service_id = ce.service_id "
                             "WHERE s.name IN (?, ?) "
                             "GROUP BY ce.is_initiator, ce.state;"));
    q.addBindValue(serviceNames.value(0));
    q.addBindValue(serviceNames.value(1));
    if (!q.exec()) {
        p.error = q.lastError().text();
        return p;
    }
    while (q.next()) {
        const bool initiator = q.value(0).toInt() == 1;
        const QString state = q.value(1).toString().trimmed();
        const int count = q.value(2).toInt();
        p.text += QStringLiteral("%1/%2:%3 ")
                      .arg(initiator ? QStringLiteral("initiator") : QStringLiteral("target"), state)
                      .arg(count);
        if (initiator) {
            p.initiators += count;
            if (state == QLatin1String("CO"))
                p.initiatorsConversing += count;
        } else {
            p.targets += count;
            if (state == QLatin1String("CO"))
                p.targetsConversing += count;
            if (state == QLatin1String("CD"))
                p.targetsClosed += count;
            p.maxTargetLifetimeMinutes = std::max(p.maxTargetLifetimeMinutes, q.value(3).toLongLong());
        }
    }
    if (p.text.isEmpty())
        p.text = QStringLiteral("(none)");
    return p;
}

// How many of the object exist (0 or 1), by its kind; -1 when the query fails.
int objectCount(const QSqlDatabase &db, const PatternObject &object)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (object.kind == QLatin1String("message type"))
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sys.service_message_types WHERE name = ?;"));
    else if (object.kind == QLatin1String("contract"))
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sys.service_contracts WHERE name = ?;"));
    else if (object.kind == QLatin1String("service"))
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sys.services WHERE name = ?;"));
    else if (object.kind == QLatin1String("role"))
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sys.database_principals WHERE name = ? AND type = 'R';"));
    else if (object.kind == QLatin1String("queue"))
        q.prepare(QStringLiteral(
            "SELECT COUNT(*) FROM sys.service_queues WHERE schema_id = SCHEMA_ID(?) AND name = ?;"));
    else
        q.prepare(
            QStringLiteral("SELECT COUNT(*) FROM sys.objects WHERE schema_id = SCHEMA_ID(?) AND name = ?;"));
    if (!object.schema.isEmpty())
        q.addBindValue(object.schema);
    q.addBindValue(object.name);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

// The permissions granted or denied on the installation's objects, one "STATE PERM object TO
// principal" line each, sorted. sys.database_permissions: class 1 = object, state G = grant,
// D = deny; permission_name is the permission's name (EXECUTE, INSERT, ...).
// https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-database-permissions-transact-sql
QStringList objectPermissions(const QSqlDatabase &db, const QString &schema, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.state_desc, p.permission_name, o.name, pr.name "
                             "FROM sys.database_permissions AS p "
                             "JOIN sys.objects AS o ON o.object_id = p.major_id "
                             "JOIN sys.database_principals AS pr ON pr.principal_id = p.grantee_principal_id "
                             "WHERE p.class = 1 AND o.schema_id = SCHEMA_ID(?);"));
    q.addBindValue(schema);
    QStringList lines;
    if (!q.exec()) {
        *error = q.lastError().text();
        return lines;
    }
    while (q.next())
        lines.append(QStringLiteral("%1 %2 %3 TO %4")
                         .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()));
    lines.sort();
    return lines;
}

QStringList serviceNames(const PatternOptions &options)
{
    QStringList names;
    for (const PatternObject &o : patternObjects(options)) {
        if (o.kind == QLatin1String("service"))
            names.append(o.name);
    }
    return names;
}

const GeneratedScript *scriptNamed(const GeneratedScripts &scripts, const QString &fileName)
{
    for (const GeneratedScript &s : scripts.scripts) {
        if (s.fileName == fileName)
            return &s;
    }
    return nullptr;
}

} // namespace

void TestLiveDeploy::initTestCase()
{
    m_connectionString = qEnvironmentVariable("BROKER_STUDIO_TEST_ODBC");
    if (m_connectionString.isEmpty())
        qInfo("BROKER_STUDIO_TEST_ODBC is not set: the live deployment tests are skipped.");
}

void TestLiveDeploy::deploysPattern_data()
{
    QTest::addColumn<QString>("patternKey");
    for (const Pattern p : {Pattern::Windowed, Pattern::KeepFiring, Pattern::TargetEndsFirst})
        QTest::newRow(qPrintable(patternKey(p))) << patternKey(p);
}

void TestLiveDeploy::deploysPattern()
{
    QFETCH(QString, patternKey);
    const std::optional<Pattern> known = patternFromKey(patternKey);
    QVERIFY(known);
    const Pattern pattern = *known;
    if (m_connectionString.isEmpty())
        QSKIP("set BROKER_STUDIO_TEST_ODBC to an ODBC connection string of a login that may CREATE DATABASE "
              "(see docs/odbc-data-path.md, \"Running the live-server suite\")");

    // Declared first, destroyed last: the database is dropped after every other connection
    // of this test is closed, also when a check below returns early.
    ScratchDatabase scratch(m_connectionString);
    QString error;
    QVERIFY2(scratch.create(&error), qPrintable(error));

    PatternOptions options = PatternOptions::defaults(pattern);
    options.database = scratch.name();
    options.prefix = QStringLiteral("Live");
    options.serviceRoot = QStringLiteral("//BrokerStudio/LiveTest");
    // Idle readers leave within a second, so the database is quiet soon after the last task.
    options.receiveTimeoutMs = 1000;
    // The uninstall removes the task log as well, so "every object gone" covers it.
    options.uninstallKeepsLog = false;
    // Longer than the test: _Cleanup runs once (at the first enqueue) unless forced.
    options.cleanupIntervalSeconds = 3600;
    const GeneratedScripts scripts = generateScripts(options);
    QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
    const GeneratedScript *install = scriptNamed(scripts, QStringLiteral("install.sql"));
    const GeneratedScript *uninstall = scriptNamed(scripts, QStringLiteral("uninstall.sql"));
    QVERIFY(install && uninstall);
    const QString schema = options.schema;
    const QString taskLog = twoPart(schema, options.prefix + QStringLiteral("TaskLog"));
    const QString allowList = twoPart(schema, options.prefix + QStringLiteral("Procedure"));
    const QString enqueue = twoPart(schema, options.prefix + QStringLiteral("_Enqueue"));
    const QStringList services = serviceNames(options);
    QCOMPARE(services.size(), 2);

    // 1. Install, through the wizard's path.
    const RunReport installed = runScript(m_connectionString, *install);
    QVERIFY2(installed.succeeded(), qPrintable(QStringLiteral("install.sql, line %1: %2")
                                                   .arg(installed.failedScriptLine)
                                                   .arg(installed.message)));

    OdbcTestConnection work(m_connectionString, 15);
    QVERIFY2(work.open(), qPrintable(work.errorText()));
    const QSqlDatabase db = work.database();
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QVERIFY2(exec(q, QStringLiteral("USE ") + quoteIdentifier(scratch.name()) + u';', &error),
                 qPrintable(error));
    }
    for (const PatternObject &o : patternObjects(options))
        QVERIFY2(objectCount(db, o) == 1,
                 qPrintable(QStringLiteral("not installed: %1 %2").arg(o.kind, o.name)));

    // 1b. Locked down: the callers' role may EXECUTE _Enqueue, nothing else; writes on every table
    //     and EXECUTE on the activation procedures are denied to public.
    const QString callerRole = options.prefix + QStringLiteral("Callers");
    {
        QStringList expected{QStringLiteral("GRANT EXECUTE %1_Enqueue TO %2").arg(options.prefix, callerRole)};
        for (const PatternObject &o : patternObjects(options)) {
            if (o.kind == QLatin1String("table")) {
                for (const char *permission : {"DELETE", "INSERT", "UPDATE"})
                    expected.append(QStringLiteral("DENY %1 %2 TO public").arg(QLatin1String(permission), o.name));
            } else if (o.name.endsWith(QLatin1String("_Target")) || o.name.endsWith(QLatin1String("_Initiator"))) {
                expected.append(QStringLiteral("DENY EXECUTE %1 TO public").arg(o.name));
            }
        }
        expected.sort();
        QCOMPARE(objectPermissions(db, schema, &error), expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // 2. The task procedures, as usage.sql shows them: the claim is the one parameter.
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        const QString head = QStringLiteral(
            "CREATE OR ALTER PROCEDURE %1 @claim nvarchar(4000) = NULL AS BEGIN SET NOCOUNT ON; ");
        QVERIFY2(exec(q, head.arg(twoPart(schema, OkProcedure)) + QStringLiteral("END;"), &error),
                 qPrintable(error));
        QVERIFY2(exec(q,
                      head.arg(twoPart(schema, FailProcedure)) +
                          QStringLiteral("THROW %1, N'The live test task was asked to fail.', 1; END;")
                              .arg(FailErrorNumber),
                      &error),
                 qPrintable(error));
        QVERIFY2(exec(q, head.arg(twoPart(schema, DeniedProcedure)) + QStringLiteral("END;"), &error),
                 qPrintable(error));
        for (const QString &procedure : {QString(OkProcedure), QString(FailProcedure)}) {
            q.prepare(QStringLiteral("INSERT INTO ") + allowList +
                      QStringLiteral(" (procedure_schema, procedure_name, note) VALUES (?, ?, ?);"));
            q.addBindValue(schema);
            q.addBindValue(procedure);
            q.addBindValue(QStringLiteral("tst_livedeploy"));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }

    // 3. A procedure outside the allow-list is refused at the door (THROW 50001 in _Enqueue).
    const QString enqueueCall = QStringLiteral("EXEC ") + enqueue +
                                QStringLiteral(" @procedure = ?, @procedureSchema = ?, @claim = ?;");
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(enqueueCall);
        q.addBindValue(QString(DeniedProcedure));
        q.addBindValue(schema);
        q.addBindValue(QStringLiteral("denied"));
        QVERIFY(!q.exec());
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("50001"));
    }

    // 3b. A caller: a user in the callers' role, and in db_datawriter as well, which the DENY
    //     overrides. It may enqueue (task 0), but not write the allow-list nor run _Target.
    //     CREATE USER ... WITHOUT LOGIN, ALTER ROLE ... ADD MEMBER, EXECUTE AS USER:
    //     https://learn.microsoft.com/sql/t-sql/statements/create-user-transact-sql
    //     https://learn.microsoft.com/sql/t-sql/statements/alter-role-transact-sql
    //     https://learn.microsoft.com/sql/t-sql/statements/execute-as-transact-sql
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        const QString caller = quoteIdentifier(QStringLiteral("LiveCaller"));
        for (const QString &statement :
             {QStringLiteral("CREATE USER %1 WITHOUT LOGIN;").arg(caller),
              QStringLiteral("ALTER ROLE %1 ADD MEMBER %2;").arg(quoteIdentifier(callerRole), caller),
              QStringLiteral("ALTER ROLE [db_datawriter] ADD MEMBER %1;").arg(caller),
              QStringLiteral("EXECUTE AS USER = N'LiveCaller';")})
            QVERIFY2(exec(q, statement, &error), qPrintable(error));
        q.prepare(enqueueCall);
        q.addBindValue(QString(OkProcedure));
        q.addBindValue(schema);
        q.addBindValue(claimOf(0));
        const bool enqueued = q.exec();
        const QString enqueueError = q.lastError().text();
        const bool inserted = q.exec(QStringLiteral("INSERT INTO ") + allowList +
                                     QStringLiteral(" (procedure_schema, procedure_name) VALUES (N'dbo', N'sp_who');"));
        const QString insertCode = q.lastError().nativeErrorCode();
        const bool ranTarget = q.exec(QStringLiteral("EXEC ") + twoPart(schema, options.prefix + QStringLiteral("_Target")) + u';');
        const QString targetCode = q.lastError().nativeErrorCode();
        QVERIFY2(exec(q, QStringLiteral("REVERT;"), &error), qPrintable(error));
        QVERIFY2(enqueued, qPrintable(QStringLiteral("the caller could not enqueue: ") + enqueueError));
        QVERIFY2(!inserted, "the caller wrote the allow-list");
        QCOMPARE(insertCode, QStringLiteral("229")); // permission denied on the object
        QVERIFY2(!ranTarget, "the caller ran the activation procedure");
        QCOMPARE(targetCode, QStringLiteral("229"));
    }

    // 4. Enqueue the other tasks.
    for (int task = 1; task < TaskCount; ++task) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(enqueueCall);
        q.addBindValue(QString(expectsFailure(task) ? FailProcedure : OkProcedure));
        q.addBindValue(schema);
        q.addBindValue(claimOf(task));
        QVERIFY2(q.exec(), qPrintable(QStringLiteral("enqueue %1: %2").arg(task).arg(q.lastError().text())));
    }

    // 5. Wait until every task is in a final outcome (polled, with a deadline).
    LogProgress progress;
    QTRY_VERIFY2_WITH_TIMEOUT((progress = logProgress(db, taskLog)).final == TaskCount,
                              qPrintable(QStringLiteral("final %1 of %2 rows (expected %3) %4")
                                             .arg(progress.final)
                                             .arg(progress.total)
                                             .arg(TaskCount)
                                             .arg(progress.error)),
                              TasksDeadlineMs);
    QCOMPARE(progress.total, TaskCount);

    // 6. The outcomes: nothing lost, the failing task failed with its own error.
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QVERIFY2(exec(q,
                      QStringLiteral("SELECT claim, procedure_name, outcome, error_number FROM ") + taskLog +
                          QStringLiteral(" ORDER BY task_id;"),
                      &error),
                 qPrintable(error));
        QSet<QString> seen;
        int succeeded = 0;
        int failed = 0;
        while (q.next()) {
            const QString claim = q.value(0).toString();
            const QString outcome = q.value(2).toString();
            const int task = claim.section(u' ', 2).toInt();
            QVERIFY2(claimOf(task) == claim, qPrintable(QStringLiteral("unexpected log row: ") + claim));
            QVERIFY2(!seen.contains(claim), qPrintable(QStringLiteral("task logged twice: ") + claim));
            seen.insert(claim);
            if (expectsFailure(task)) {
                QCOMPARE(q.value(1).toString(), QString(FailProcedure));
                QCOMPARE(outcome, QStringLiteral("failed"));
                QCOMPARE(q.value(3).toInt(), FailErrorNumber);
                ++failed;
            } else {
                QCOMPARE(q.value(1).toString(), QString(OkProcedure));
                QCOMPARE(outcome, QStringLiteral("succeeded"));
                ++succeeded;
            }
        }
        QCOMPARE(succeeded + failed, TaskCount);
        QCOMPARE(failed, TaskCount / FailEvery);
    }

    // 6b. _Cleanup ran once (the first enqueue) and not again within its interval; @force runs it.
    {
        const QString state = twoPart(schema, options.prefix + QStringLiteral("CleanupState"));
        const QString cleanup = QStringLiteral("EXEC ") + twoPart(schema, options.prefix + QStringLiteral("_Cleanup"));
        const QString lastRun = QStringLiteral("SELECT CONVERT(nvarchar(30), last_run_at, 126) FROM ") + state + u';';
        QSqlQuery q(db);
        q.setForwardOnly(true);
        const auto readLastRun = [&] {
            return exec(q, lastRun, &error) && q.next() ? q.value(0).toString() : QString();
        };
        const QString first = readLastRun();
        QVERIFY2(!first.isEmpty(), qPrintable(QStringLiteral("no cleanup ran ") + error));
        QVERIFY2(exec(q, cleanup + QStringLiteral(" @force = 0;"), &error), qPrintable(error));
        QCOMPARE(readLastRun(), first);
        QTest::qWait(20); // datetime2(3): the forced run's time differs
        QVERIFY2(exec(q, cleanup + QStringLiteral(" @force = 1;"), &error), qPrintable(error));
        const QString forced = readLastRun();
        QVERIFY2(forced > first, qPrintable(forced + QStringLiteral(" after ") + first));
    }

    // 7. The endpoint population of PATTERNS.md. Endpoints change state asynchronously after
    //    the last task (acknowledgements, the initiators' activation), so each expectation is
    //    polled with a deadline before its details are checked.
    EndpointPopulation endpoints;
    const auto population = [&] { return endpointPopulation(db, services); };
    switch (pattern) {
    case Pattern::Windowed:
        // The initiator ended right after SEND; its endpoint goes once the target's
        // acknowledgement arrives. Every dialog leaves a closed target endpoint that lives
        // until its LIFETIME (the window), not for 68 years.
        QTRY_VERIFY2_WITH_TIMEOUT((endpoints = population()).initiators == 0 &&
                                      endpoints.targetsClosed == TaskCount,
                                  qPrintable(endpoints.text + endpoints.error), EndpointsDeadlineMs);
        QVERIFY2(endpoints.targets == endpoints.targetsClosed, qPrintable(endpoints.text));
        QVERIFY2(endpoints.maxTargetLifetimeMinutes <= options.windowSeconds / 60 + 24 * 60,
                 qPrintable(QStringLiteral("a target endpoint lives %1 minutes more; the window is %2 s")
                                .arg(endpoints.maxTargetLifetimeMinutes)
                                .arg(options.windowSeconds)));
        break;
    case Pattern::KeepFiring:
        // Round-robin over the task ids fills every slot: one open dialog per slot, both
        // ends conversing, nothing recycled (far below the recycle thresholds): 2 x pool.
        QTRY_VERIFY2_WITH_TIMEOUT((endpoints = population()).initiatorsConversing == options.poolSize &&
                                      endpoints.targetsConversing == options.poolSize,
                                  qPrintable(endpoints.text + endpoints.error), EndpointsDeadlineMs);
        QCOMPARE(endpoints.initiators + endpoints.targets, 2 * options.poolSize);
        break;
    case Pattern::TargetEndsFirst:
        // The target ends after each task; the initiator's activation ends its side on the
        // EndDialog, and a closed initiator endpoint is deleted. Closed target endpoints stay
        // (replay protection, about 30 minutes), at most one per task.
        QTRY_VERIFY2_WITH_TIMEOUT((endpoints = population()).initiators == 0 &&
                                      endpoints.targets == endpoints.targetsClosed,
                                  qPrintable(endpoints.text + endpoints.error), EndpointsDeadlineMs);
        QVERIFY2(endpoints.targetsClosed <= TaskCount, qPrintable(endpoints.text));
        break;
    case Pattern::NaiveTeaching:
        QFAIL("the naive pattern is not deployed");
    }
    qInfo().noquote() << "endpoints after the tasks:" << endpoints.text;

    // 8. Uninstall, and every object is gone.
    const RunReport removed = runScript(m_connectionString, *uninstall);
    QVERIFY2(
        removed.succeeded(),
        qPrintable(
            QStringLiteral("uninstall.sql, line %1: %2").arg(removed.failedScriptLine).arg(removed.message)));
    for (const PatternObject &o : patternObjects(options))
        QVERIFY2(objectCount(db, o) == 0,
                 qPrintable(QStringLiteral("left behind: %1 %2").arg(o.kind, o.name)));
    // The scratch database goes when `scratch` does: at this return, or at any failed check above.
}

QTEST_GUILESS_MAIN(TestLiveDeploy)
#include "tst_livedeploy.moc"

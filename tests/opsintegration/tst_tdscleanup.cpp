// The guided leak cleanup through QODBC -> FreeTDS -> the TDS test server: the dry run and every
// batch arrive as the previewed text with the values as RPC parameters; a connection lost
// mid-run stops the run with a clear message, and the run resumes later from the kept position
// (the next batch carries the last committed handle as @P1).
#include "core/ops/cleanupplan.h"
#include "data/ops/cleanuprunner.h"
#include "data/ops/odbcbrokeroperations.h"
#include "data/ops/operationpath.h"
#include "tdsserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

const QString LastHandle = QStringLiteral("0E984725-C51C-4BF4-9960-E1C80E27ABA0");

TdsResultSet resultSet(const QList<std::pair<QString, QString>> &columns, const QList<QJsonArray> &rows)
{
    TdsResultSet set;
    for (const auto &[name, type] : columns)
        set.columns.append(*TdsFixture::column(name, type));
    set.rows = rows;
    return set;
}

// Each batch "ends" `examined` endpoints and returns LastHandle as its position.
TdsFixture fixture(int examined)
{
    TdsFixture f;
    f.database = QStringLiteral("SalesOps");
    TdsReply count;
    count.resultSets.append(resultSet({{u"state"_qs, u"char(2)"_qs}, {u"action"_qs, u"int"_qs}, {u"endpoints"_qs, u"bigint"_qs}},
                                      {QJsonArray{u"CD"_qs, 1, 1500}, QJsonArray{u"CD"_qs, 11, 4}}));
    f.queries.insert(u"ops.cleanup_count"_qs, count);
    TdsReply batch;
    batch.resultSets.append(resultSet(
        {{u"ended_with_cleanup"_qs, u"int"_qs}, {u"ended"_qs, u"int"_qs}, {u"failed"_qs, u"int"_qs},
         {u"skipped_queued"_qs, u"int"_qs}, {u"skipped_transmission"_qs, u"int"_qs}, {u"skipped_expiring"_qs, u"int"_qs},
         {u"skipped_stamp_set"_qs, u"int"_qs}, {u"examined"_qs, u"int"_qs}, {u"last_handle"_qs, u"nchar(36)"_qs},
         {u"last_failure"_qs, u"nvarchar(2048)"_qs}},
        {QJsonArray{examined, 0, 0, 0, 0, 0, 0, examined, LastHandle, QJsonValue()}}));
    f.queries.insert(u"ops.cleanup_batch"_qs, batch);
    return f;
}

CleanupPlan plan()
{
    CleanupPlan p;
    p.localService = u"//Sales/Target — Ω"_qs;
    p.farService = u"//Sales/Initiator'; --"_qs;
    p.queue = {u"dbo"_qs, u"Target]Queue"_qs};
    p.batchSize = 2;
    p.pauseMs = 0;
    return p;
}

QString utf16(const QVariant &v)
{
    const QByteArray bytes = v.toByteArray();
    return QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()), bytes.size() / 2);
}

} // namespace

class TestTdsCleanup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dryRunArrivesAsPreviewed()
    {
        TdsServer server(fixture(2));
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        OdbcBrokerOperations ops(server.connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
        std::optional<CleanupDryRun> dry;
        ops.cleanupCount(plan(), this, [&](const CleanupDryRun &d) { dry = d; });
        QTRY_VERIFY_WITH_TIMEOUT(dry.has_value(), 20000);
        QVERIFY2(dry->error.isEmpty(), qPrintable(dry->error));
        QCOMPARE(dry->counts.count(CleanupState::CD, CleanupAction::EndWithCleanup), 1500);
        QCOMPARE(dry->counts.count(CleanupState::CD, CleanupAction::SkipTransmission), 4);
        const TdsRequest req = server.requestsFor(u"ops.cleanup_count"_qs).value(0);
        QCOMPARE(req.kind, TdsRequest::Kind::Rpc);
        QCOMPARE(req.text, CleanupStatements::count(plan()).text);
        QCOMPARE(utf16(req.parameters.value(0).value), plan().localService);
        QCOMPARE(utf16(req.parameters.value(1).value), plan().farService);
    }

    void lostConnectionStopsTheRunAndItResumesFromTheKeptPosition()
    {
        QTemporaryDir dir;
        const QString history = dir.filePath(u"h.sqlite"_qs);
        CleanupRun kept;
        {
            TdsServer server(fixture(2)); // every batch full: the run goes on until the server goes away
            QString error;
            QVERIFY2(server.start(0, &error), qPrintable(error));
            OdbcBrokerOperations ops(server.connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
            OperationPath path(&ops);
            QVERIFY(path.openAudit(history));
            CleanupRunner runner(&path);
            QSignalSpy finished(&runner, &CleanupRunner::finished);
            QVERIFY(runner.start(plan(), 1504));
            QTRY_VERIFY_WITH_TIMEOUT(runner.run().batches >= 2, 30000);
            // Each batch arrives as the previewed text, the position as @P1.
            const QList<TdsRequest> batches = server.requestsFor(u"ops.cleanup_batch"_qs);
            QVERIFY(batches.size() >= 2);
            QCOMPARE(batches.first().kind, TdsRequest::Kind::Rpc);
            QCOMPARE(batches.first().text, CleanupStatements::batch(plan(), QUuid()).text);
            QCOMPARE(batches.first().parameters.value(0).value.toString(), u"00000000-0000-0000-0000-000000000000"_qs);
            QCOMPARE(batches.at(1).parameters.value(0).value.toString(), LastHandle);
            QCOMPARE(batches.at(1).parameters.value(1).value.toInt(), 2);
            server.stop();
            QVERIFY(finished.wait(60000));
            QCOMPARE(runner.run().status, CleanupRunStatus::Failed);
            QVERIFY2(runner.lastError().contains(u"failed and was rolled back"_qs), qPrintable(runner.lastError()));
            QVERIFY(runner.lastError().contains(u"resume it later"_qs));
            kept = *runner.unfinished();
        }
        QCOMPARE(kept.status, CleanupRunStatus::Failed);
        QCOMPARE(kept.lastHandle, QUuid(LastHandle));
        const qint64 endedBefore = kept.totals.endedWithCleanup;
        QVERIFY(endedBefore >= 4);

        TdsServer server(fixture(1)); // the server is back; one endpoint left: the last batch
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        OdbcBrokerOperations ops(server.connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
        OperationPath path(&ops);
        QVERIFY(path.openAudit(history));
        CleanupRunner runner(&path);
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        QVERIFY2(runner.resume(kept), qPrintable(runner.lastError()));
        QVERIFY(finished.wait(30000));
        QCOMPARE(runner.run().status, CleanupRunStatus::Done);
        QCOMPARE(runner.run().totals.endedWithCleanup, endedBefore + 1);
        const QList<TdsRequest> batches = server.requestsFor(u"ops.cleanup_batch"_qs);
        QCOMPARE(batches.size(), 1);
        QCOMPARE(batches.first().parameters.value(0).value.toString(), LastHandle); // from the kept position
        int failedRows = 0;
        for (const AuditRecord &r : path.audit().records())
            failedRows += r.operation == u"leak-cleanup-batch"_qs && r.outcome == u"failed"_qs ? 1 : 0;
        QCOMPARE(failedRows, 1);
    }
};

QTEST_GUILESS_MAIN(TestTdsCleanup)
#include "tst_tdscleanup.moc"

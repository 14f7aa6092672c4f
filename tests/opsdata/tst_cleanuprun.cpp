// The guided leak cleanup end to end on the demo (SimBrokerOperations + CleanupRunner): the demo's
// fire-and-forget leak cleaned in batches brings CLOSED-unset to 0 and keeps the healthy pair's
// conversations; skipped endpoints are counted with their reason; a cancelled run resumes from the
// history file and ends every endpoint exactly once; every run and batch is audited; a read-only
// profile runs nothing.
#include "core/sim/simulator.h"
#include "data/ops/cleanuprunner.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

const QString AuditTarget = QStringLiteral("//BrokerStudio/Audit/Target");
const QString AuditInitiator = QStringLiteral("//BrokerStudio/Audit/Initiator");
const QString OrdersTarget = QStringLiteral("//BrokerStudio/Orders/Target");
const QString NaiveTarget = QStringLiteral("//BrokerStudio/Naive/Target");
const QString NaiveInitiator = QStringLiteral("//BrokerStudio/Naive/Initiator");

CleanupPlan leakPlan()
{
    CleanupPlan p;
    p.localService = AuditTarget;
    p.farService = AuditInitiator;
    p.queue = {QStringLiteral("dbo"), QStringLiteral("AuditTargetQueue")};
    p.closed = true;
    p.batchSize = 50;
    p.pauseMs = 0;
    return p;
}

qint64 closedUnset(const MonitorSample &s, const QString &local)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.localService == local)
            n += g.closedWithUnsetSecurityTimestamp;
    }
    return n;
}

} // namespace

class TestCleanupRun : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SimBrokerSource> m_source;
    std::unique_ptr<OperationPath> m_path;
    QTemporaryDir m_dir;
    QString m_history;

    sim::Simulator *sim() const { return m_source->simulator(); }
    void advance(double seconds) { sim()->advanceTo(sim()->now() + sim::SimTime(seconds * double(sim::Second))); }
    CleanupDryRun dryRun(const CleanupPlan &plan)
    {
        std::optional<CleanupDryRun> dry;
        m_source->operations()->cleanupCount(plan, this, [&](const CleanupDryRun &d) { dry = d; });
        [&] { QTRY_VERIFY(dry.has_value()); }();
        return dry.value_or(CleanupDryRun{});
    }
    QList<AuditRecord> auditRows(const QString &operation) const
    {
        QList<AuditRecord> out;
        for (const AuditRecord &r : m_path->audit().records()) {
            if (r.operation == operation)
                out.append(r);
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_source.reset(SimBrokerSource::createDemo());
        m_source->pause();
        m_path = std::make_unique<OperationPath>(m_source->operations());
        m_history = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QVERIFY2(m_path->openAudit(m_history), qPrintable(m_path->auditError()));
        advance(900); // a quarter of an hour of the demo: its fire-and-forget pair leaks CLOSED endpoints
    }
    void cleanup()
    {
        m_path.reset();
        m_source.reset();
    }

    void cleanupOfTheDemoLeakReachesZeroAndKeepsTheHealthyPair()
    {
        const CleanupPlan plan = leakPlan();
        const CleanupDryRun dry = dryRun(plan);
        QVERIFY2(dry.error.isEmpty(), qPrintable(dry.error));
        const qint64 leaked = dry.counts.count(CleanupState::CD, CleanupAction::EndWithCleanup);
        QVERIFY2(leaked > 3 * plan.batchSize, qPrintable(QString::number(leaked)));
        QCOMPARE(closedUnset(sim()->sample(), AuditTarget), leaked);
        const QList<QUuid> healthy = sim()->endpointHandles(OrdersTarget, QString(), {}, -1);
        QVERIFY(!healthy.isEmpty());

        CleanupRunner runner(m_path.get());
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        QSignalSpy progress(&runner, &CleanupRunner::progressChanged);
        QVERIFY2(runner.start(plan, dry.counts.matching()), qPrintable(runner.lastError()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(runner.run().status, CleanupRunStatus::Done);
        QCOMPARE(runner.run().totals.endedWithCleanup, leaked);
        QCOMPARE(runner.run().totals.ended, 0);
        QCOMPARE(runner.run().batches, leaked / plan.batchSize + 1);
        QVERIFY(progress.size() >= runner.run().batches);
        QCOMPARE(runner.progress().percent(), 100);

        QCOMPARE(closedUnset(sim()->sample(), AuditTarget), 0);
        QCOMPARE(dryRun(plan).counts.toEnd(), 0);
        QCOMPARE(sim()->endpointHandles(OrdersTarget, QString(), {}, -1), healthy); // not one touched
        QVERIFY(runner.summary().contains(QStringLiteral("Removed %1 endpoint(s)").arg(QLocale(QLocale::English).toString(leaked))));
        QVERIFY(runner.summary().contains(u"New Messaging Pattern"_qs));

        // Audited: the start, every batch with its exact statement and values, the finish.
        const QList<AuditRecord> batches = auditRows(u"leak-cleanup-batch"_qs);
        QCOMPARE(batches.size(), runner.run().batches);
        const OperationStatement first = CleanupStatements::batch(plan, QUuid());
        for (const AuditRecord &r : batches) {
            QCOMPARE(r.statement, first.text);
            QCOMPARE(r.outcome, u"succeeded"_qs);
        }
        QVERIFY(batches.last().parameters.contains(u"00000000-0000-0000-0000-000000000000"_qs)); // the first batch
        QVERIFY(!batches.first().parameters.contains(u"00000000-0000-0000-0000-000000000000"_qs));
        const QList<AuditRecord> runs = auditRows(u"leak-cleanup"_qs);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.first().outcome, u"succeeded"_qs);
        QCOMPARE(runs.last().outcome, u"started"_qs);
    }

    void skippedEndpointsAreCountedWithTheirReason()
    {
        // The naive pair's target queue is switched off: the initiator's messages (its task and its
        // EndDialog) wait in sys.transmission_queue while it sits in DO. Those are skipped and
        // counted; a DO endpoint with nothing waiting gets END CONVERSATION, which the simulator
        // (like the state table of SERVICE_BROKER.md §3) refuses for a side that already ended:
        // counted as refused, never WITH CLEANUP.
        Operation off;
        off.kind = OperationKind::QueueStatus;
        off.queue = {u"dbo"_qs, u"NaiveTargetQueue"_qs};
        off.enable = false;
        std::optional<OperationResult> done;
        m_path->execute(off, OperationPath::prepare(off), this, [&](const OperationResult &r) { done = r; });
        QTRY_VERIFY(done.has_value());
        QVERIFY2(done->ok, qPrintable(done->message));
        advance(120);
        CleanupPlan plan = leakPlan();
        plan.localService = NaiveInitiator;
        plan.farService = NaiveTarget;
        plan.queue = {u"dbo"_qs, u"NaiveInitiatorQueue"_qs};
        plan.closed = false;
        plan.disconnectedOutbound = true;
        const CleanupDryRun dry = dryRun(plan);
        const qint64 waiting = dry.counts.count(CleanupState::DO, CleanupAction::SkipTransmission);
        QVERIFY2(waiting > 0, qPrintable(dry.describe(plan)));
        QCOMPARE(dry.counts.count(CleanupState::DO, CleanupAction::EndWithCleanup), 0); // never WITH CLEANUP on DO
        const qint64 toEnd = dry.counts.count(CleanupState::DO, CleanupAction::End);

        CleanupRunner runner(m_path.get());
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        QVERIFY(runner.start(plan, dry.counts.matching()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(runner.run().status, CleanupRunStatus::Done);
        QCOMPARE(runner.run().totals.skippedTransmission, waiting);
        QCOMPARE(runner.run().totals.ended + runner.run().totals.failed, toEnd);
        QCOMPARE(runner.run().totals.endedWithCleanup, 0);
        QCOMPARE(dryRun(plan).counts.count(CleanupState::DO, CleanupAction::SkipTransmission), waiting); // still there
        QVERIFY(runner.summary().contains(QStringLiteral("%1 with messages in sys.transmission_queue")
                                              .arg(QLocale(QLocale::English).toString(waiting))));
    }

    void resumeAfterCancelFinishesExactlyOnce()
    {
        const CleanupPlan plan = leakPlan();
        const qint64 leaked = dryRun(plan).counts.toEnd();
        QVERIFY(leaked > 3 * plan.batchSize);
        qint64 firstRunEnded = 0;
        {
            CleanupRunner runner(m_path.get());
            QSignalSpy finished(&runner, &CleanupRunner::finished);
            connect(&runner, &CleanupRunner::progressChanged, &runner, [&runner](const CleanupProgress &p) {
                if (p.batches == 2)
                    runner.cancel();
            });
            QVERIFY(runner.start(plan, leaked));
            QVERIFY(finished.wait(20000));
            QCOMPARE(runner.run().status, CleanupRunStatus::Cancelled);
            QCOMPARE(runner.run().batches, 2);
            firstRunEnded = runner.run().totals.endedWithCleanup;
            QCOMPARE(firstRunEnded, 2 * plan.batchSize);
        }
        // A new runner (another window, or the program started again) finds the run in the history file.
        OperationPath reopened(m_source->operations());
        QVERIFY(reopened.openAudit(m_history));
        CleanupRunner runner(&reopened);
        const std::optional<CleanupRun> kept = runner.unfinished();
        QVERIFY(kept.has_value());
        QCOMPARE(kept->status, CleanupRunStatus::Cancelled);
        QCOMPARE(kept->totals.endedWithCleanup, firstRunEnded);
        QVERIFY(!kept->lastHandle.isNull());
        QCOMPARE(kept->plan, plan);
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        QVERIFY2(runner.resume(*kept), qPrintable(runner.lastError()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(runner.run().status, CleanupRunStatus::Done);
        QCOMPARE(runner.run().id, kept->id);
        QCOMPARE(runner.run().totals.endedWithCleanup, leaked); // the two sessions together: each endpoint once
        QCOMPARE(runner.run().totals.failed, 0);
        QCOMPARE(closedUnset(sim()->sample(), AuditTarget), 0);
        QVERIFY(!runner.unfinished().has_value());
    }

    void pauseWaitsAndResumeContinues()
    {
        CleanupPlan plan = leakPlan();
        const qint64 leaked = dryRun(plan).counts.toEnd();
        CleanupRunner runner(m_path.get());
        QSignalSpy finished(&runner, &CleanupRunner::finished);
        connect(&runner, &CleanupRunner::progressChanged, &runner, [&runner](const CleanupProgress &p) {
            if (p.batches == 1)
                runner.pause();
        });
        QVERIFY(runner.start(plan, leaked));
        QTRY_COMPARE(runner.state(), CleanupRunner::State::Paused);
        const qint64 atPause = runner.run().totals.examined;
        QTest::qWait(100);
        QCOMPARE(runner.run().totals.examined, atPause); // nothing runs while paused
        QCOMPARE(runner.unfinished()->status, CleanupRunStatus::Paused);
        runner.resumeAfterPause();
        QVERIFY(finished.wait(20000));
        QCOMPARE(runner.run().status, CleanupRunStatus::Done);
        QCOMPARE(runner.run().totals.endedWithCleanup, leaked);
    }

    void readOnlyRunsNothing()
    {
        m_source->operations()->setReadOnly(true);
        const CleanupPlan plan = leakPlan();
        const qint64 before = closedUnset(sim()->sample(), AuditTarget);
        CleanupRunner runner(m_path.get());
        QVERIFY(!runner.start(plan, 10));
        QVERIFY(runner.lastError().contains(u"read-only"_qs));
        QCOMPARE(runner.state(), CleanupRunner::State::Idle);
        QCOMPARE(closedUnset(sim()->sample(), AuditTarget), before);
        const QList<AuditRecord> rows = auditRows(u"leak-cleanup"_qs);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().outcome, u"refused"_qs);
        // The operations refuse a batch too, whoever calls them.
        std::optional<CleanupBatchResult> batch;
        m_source->operations()->cleanupBatch(plan, QUuid(), CleanupStatements::batch(plan, QUuid()), this,
                                             [&](const CleanupBatchResult &b) { batch = b; });
        QTRY_VERIFY(batch.has_value());
        QVERIFY(!batch->ok);
        QCOMPARE(closedUnset(sim()->sample(), AuditTarget), before);
    }
};

QTEST_GUILESS_MAIN(TestCleanupRun)
#include "tst_cleanuprun.moc"

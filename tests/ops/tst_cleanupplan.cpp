// The guided leak cleanup's plan and statements (app/core/ops/cleanupplan.h): golden text of
// sql/ops/cleanup_count.sql and cleanup_batch.sql with hostile names, markers in order for the
// driver, the same batch text for every batch, bad plans refused, the plan kept as JSON, the dry
// run's description and the progress figures.
#include "core/ops/cleanupplan.h"
#include "core/ops/operationscript.h"
#include "goldentext.h"

#include <QFile>
#include <QTest>

using namespace bs;
using bs::golden::compareGolden;

namespace {

const QUuid After(QStringLiteral("{5f3c2a1b-0d4e-4f60-8a7b-9c0d1e2f3a4b}"));

CleanupPlan hostilePlan()
{
    CleanupPlan p;
    p.localService = QStringLiteral("//Ship]ping/Tar'get; DROP TABLE t; --");
    p.farService = QStringLiteral("//Доставка/\"Initiator\" [x]");
    p.queue = {QStringLiteral("we]ird"), QStringLiteral("Q'; DROP TABLE t; -- [x] \"y\" Очередь")};
    p.closed = true;
    p.disconnectedInbound = true;
    p.minLifetimeLeftSeconds = 3600;
    return p;
}

} // namespace

class TestCleanupPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goldens()
    {
        compareGolden(u"cleanup-count"_qs, CleanupStatements::count(hostilePlan()));
        compareGolden(u"cleanup-batch"_qs, CleanupStatements::batch(hostilePlan(), After));
    }

    void templatesCiteMicrosoftAndCarryNoValue()
    {
        for (const QString &name : {u"cleanup_count"_qs, u"cleanup_batch"_qs}) {
            QFile f(QStringLiteral(BS_SOURCE_DIR "/sql/ops/%1.sql").arg(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(text.startsWith(QStringLiteral("-- query: ops.") + name), qPrintable(name));
            for (const char *page : {"sys-conversation-endpoints-transact-sql", "sys-transmission-queue-transact-sql"})
                QVERIFY2(text.contains(QLatin1String("https://learn.microsoft.com/sql/relational-databases/system-catalog-views/") + QLatin1String(page)),
                         qPrintable(name));
        }
        const OperationStatement batch = CleanupStatements::batch(hostilePlan(), After);
        QVERIFY(batch.text.contains(QLatin1String("END CONVERSATION @handle WITH CLEANUP;")));
        QVERIFY(!batch.text.contains(QLatin1String("--#")));
        // Service names and the position are bound, never in the text; the queue is quoted.
        QVERIFY(!batch.text.contains(QLatin1String("Ship]ping")));
        QVERIFY(!batch.text.contains(After.toString(QUuid::WithoutBraces), Qt::CaseInsensitive));
        QVERIFY(batch.text.contains(QStringLiteral("[we]]ird].[Q'; DROP TABLE t; -- [x]] \"y\" Очередь]")));
        // Keyset: the server selects the batch after the last handle, in handle order.
        QVERIFY(batch.text.contains(QLatin1String("WHERE ce.conversation_handle > @after")));
        QVERIFY(batch.text.contains(QLatin1String("ORDER BY ce.conversation_handle;")));
    }

    void markersAreInOrderForTheDriver()
    {
        for (const OperationStatement &s : {CleanupStatements::count(hostilePlan()), CleanupStatements::batch(hostilePlan(), After)}) {
            QString error;
            const QString positional = OperationScript::positionalText(s, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(positional.count(QLatin1Char('?')) - s.text.count(QLatin1Char('?')), s.parameters.size());
        }
        QCOMPARE(CleanupStatements::count(hostilePlan()).parameters.size(), 6);
        QCOMPARE(CleanupStatements::batch(hostilePlan(), After).parameters.size(), 8);
    }

    void everyBatchHasTheSameText()
    {
        const OperationStatement first = CleanupStatements::batch(hostilePlan(), QUuid());
        const OperationStatement later = CleanupStatements::batch(hostilePlan(), After);
        QCOMPARE(first.text, later.text);
        QCOMPARE(first.values().first().toString(), u"00000000-0000-0000-0000-000000000000"_qs);
        QCOMPARE(later.values().first().toString(), After.toString(QUuid::WithoutBraces).toUpper());
        QCOMPARE(first.values().mid(1), later.values().mid(1));
        QCOMPARE(later.values().at(1).toInt(), CleanupPlan::DefaultBatchSize);
    }

    void badPlansAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no local service") << u"local"_qs << u"service pair"_qs;
        QTest::newRow("no state") << u"states"_qs << u"at least one state"_qs;
        QTest::newRow("batch 0") << u"batch0"_qs << u"between 1 and 10000"_qs;
        QTest::newRow("batch too large") << u"batchBig"_qs << u"between 1 and 10000"_qs;
        QTest::newRow("no queue") << u"queue"_qs << u"queue is not known"_qs;
        QTest::newRow("line break in queue") << u"queueBreak"_qs << u"queue name"_qs;
        QTest::newRow("negative horizon") << u"horizon"_qs << u"lifetime horizon"_qs;
    }
    void badPlansAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        CleanupPlan p = hostilePlan();
        QVERIFY(p.validate().isEmpty());
        if (field == u"local"_qs)
            p.localService.clear();
        else if (field == u"states"_qs)
            p.closed = p.disconnectedInbound = p.disconnectedOutbound = false;
        else if (field == u"batch0"_qs)
            p.batchSize = 0;
        else if (field == u"batchBig"_qs)
            p.batchSize = CleanupPlan::MaxBatchSize + 1;
        else if (field == u"queue"_qs)
            p.queue = {};
        else if (field == u"queueBreak"_qs)
            p.queue.name = u"a\nb"_qs;
        else if (field == u"horizon"_qs)
            p.minLifetimeLeftSeconds = -1;
        QVERIFY2(p.validate().contains(expected), qPrintable(p.validate()));
        QVERIFY(!CleanupStatements::batch(p, After).isValid());
        QVERIFY(!CleanupStatements::count(p).isValid());
    }

    void statesTextAndJson()
    {
        CleanupPlan p = hostilePlan();
        QString error;
        QVERIFY(p.setStatesText(u"cd, DO"_qs, &error));
        QCOMPARE(p.statesText(), u"CD,DO"_qs);
        QVERIFY(!p.setStatesText(u"CD,XX"_qs, &error));
        QVERIFY(error.contains(u"XX"_qs));
        QCOMPARE(p.statesText(), u"CD,DO"_qs); // unchanged on error
        p.batchSize = 250;
        p.pauseMs = 0;
        const auto back = CleanupPlan::fromJson(p.toJson());
        QVERIFY(back.has_value());
        QCOMPARE(*back, p);
        QVERIFY(!CleanupPlan::fromJson("{\"localService\":\"x\"}").has_value());
        QVERIFY(!CleanupPlan::fromJson("not json").has_value());
    }

    void dryRunDescribesThePlan()
    {
        CleanupDryRun dry;
        dry.counts.add(CleanupState::CD, CleanupAction::EndWithCleanup, 2500);
        dry.counts.add(CleanupState::CD, CleanupAction::SkipStampSet, 7);
        dry.counts.add(CleanupState::DI, CleanupAction::End, 10);
        dry.counts.add(CleanupState::DI, CleanupAction::SkipQueued, 3);
        QCOMPARE(dry.counts.matching(), 2520);
        QCOMPARE(dry.counts.toEnd(), 2510);
        QCOMPARE(dry.counts.skipped(), 10);
        QCOMPARE(dry.batches(1000), 3);
        QCOMPARE(dry.batches(2520), 2); // a full batch is followed by the short one that ends the walk
        const QString text = dry.describe(hostilePlan());
        QVERIFY2(text.contains(u"to end: 2,510; to skip: 10; batches: 3"_qs), qPrintable(text));
        QVERIFY(text.contains(u"2,500  END CONVERSATION … WITH CLEANUP"_qs));
        QVERIFY(text.contains(u"3  skipped: messages still in the queue"_qs));
        QVERIFY(text.contains(u"without telling the far side"_qs));
    }

    void endpointGroupRowsGiveThePlanOrTheReason()
    {
        EndpointGroup g;
        g.localService = u"//A/Target"_qs;
        g.farService = u"//A/Initiator"_qs;
        g.count = 10;
        // The states the cleanup takes: the plan has that pair and only that state.
        const QList<std::pair<EndpointState, CleanupState>> takes{
            {EndpointState::CD, CleanupState::CD}, {EndpointState::DI, CleanupState::DI}, {EndpointState::DO, CleanupState::DO}};
        for (const auto &[state, cleanup] : takes) {
            g.state = state;
            g.closedWithUnsetSecurityTimestamp = state == EndpointState::CD ? 4 : 0;
            QVERIFY2(CleanupPlan::whyNotCleanable(g).isEmpty(), qPrintable(CleanupPlan::whyNotCleanable(g)));
            const CleanupPlan plan = CleanupPlan::forEndpointGroup(g);
            QCOMPARE(plan.localService, g.localService);
            QCOMPARE(plan.farService, g.farService);
            QCOMPARE(plan.states(), QList<CleanupState>{cleanup});
            QCOMPARE(plan.batchSize, CleanupPlan::DefaultBatchSize);
        }
        // CLOSED with every security timestamp set: the server removes them.
        g.state = EndpointState::CD;
        g.closedWithUnsetSecurityTimestamp = 0;
        QVERIFY(CleanupPlan::whyNotCleanable(g).contains(u"security timestamp set"_qs));
        // SO, SI, CO, ER: no leak.
        for (EndpointState state : {EndpointState::SO, EndpointState::SI, EndpointState::CO, EndpointState::ER}) {
            g.state = state;
            const QString why = CleanupPlan::whyNotCleanable(g);
            QVERIFY2(why.startsWith(endpointStateCode(state) + u" endpoints are not a leak"_qs), qPrintable(why));
        }
    }

    void progressRateAndEta()
    {
        CleanupProgress p;
        QCOMPARE(p.rate(), 0.0);
        QCOMPARE(p.etaSeconds(), -1);
        p.total = 10000;
        p.examinedAtStart = 1000; // resumed: the rate counts this session only
        p.examined = 3000;
        p.wallMs = 2000;
        QCOMPARE(p.rate(), 1000.0);
        QCOMPARE(p.etaSeconds(), 7);
        QCOMPARE(p.percent(), 30);
        QVERIFY(p.text().contains(u"3,000 of 10,000"_qs));
        QVERIFY(p.text().contains(u"about 7 s left"_qs));
    }
};

QTEST_GUILESS_MAIN(TestCleanupPlan)
#include "tst_cleanupplan.moc"

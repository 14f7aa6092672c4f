#include "core/alerts/alertengine.h"
#include "core/alerts/objecthealth.h"
#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bs;

namespace {

struct Outcome
{
    QList<Alert> active;
    QList<AlertLogEntry> log;
    MonitorSample latest;
};

QByteArray scenarioText(const QString &name)
{
    QFile f(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Feeds a scenario (JSON text) through the alert engine, one sample every `intervalSeconds`.
Outcome runScenarioText(const QByteArray &text, double seconds, int intervalSeconds = 5)
{
    QString error;
    const auto scenario = sim::ScenarioLoader::fromJson(text, &error);
    if (!scenario) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    sim::Simulator simulator(*scenario);
    AlertEngine engine;
    engine.setCatalog(simulator.catalog());
    MonitorSample latest;
    simulator.run([&](const MonitorSample &s) {
        engine.addSample(s);
        latest = s;
        return true;
    }, sim::SimTime(seconds * 1e6), sim::SimTime(intervalSeconds * 1000000LL));
    return {engine.activeAlerts(), engine.log(), latest};
}

// A built-in scenario (resources/scenarios).
Outcome runScenario(const QString &name, double seconds, int intervalSeconds = 5)
{
    return runScenarioText(scenarioText(name), seconds, intervalSeconds);
}

// The one-conversation scenario with its workload's pattern replaced by `pattern`.
QByteArray oneConversationWith(const QJsonObject &pattern)
{
    QJsonObject root = QJsonDocument::fromJson(scenarioText(QStringLiteral("one-conversation.json"))).object();
    QJsonArray workloads = root.value(QStringLiteral("workloads")).toArray();
    QJsonObject w = workloads.at(0).toObject();
    w.insert(QStringLiteral("pattern"), pattern);
    workloads.replace(0, w);
    root.insert(QStringLiteral("workloads"), workloads);
    return QJsonDocument(root).toJson();
}

const Alert *find(const QList<Alert> &alerts, AlertKind kind, const QString &keyPart = {})
{
    for (const Alert &a : alerts) {
        if (a.kind == kind && a.key.contains(keyPart))
            return &a;
    }
    return nullptr;
}

} // namespace

/// The alert rules against the simulator's scenarios (resources/scenarios), not hand-made samples.
class TestAlertScenarios : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void naiveLeakIsAttributedToTheSideThatNeverEnds();
    void poisonDisablesTheQueue();
    void lostErrorsRaiseDroppedMessages();
    void healthyKeepFiringRaisesNothing();
    void oneReusedConversationBacklogIsAlerted();
    void transmissionAlertNamesTheDisabledQueue();
    void backlogVariants_data();
    void backlogVariants();
};

void TestAlertScenarios::naiveLeakIsAttributedToTheSideThatNeverEnds()
{
    const Outcome o = runScenario(QStringLiteral("naive-leak.json"), 600);
    QStringList active;
    for (const Alert &a : o.active)
        active.append(a.key);
    // The target's procedure never ends: its endpoints pile up in DISCONNECTED_INBOUND while the
    // initiator's, which ended first, wait in DISCONNECTED_OUTBOUND. Both services are in this
    // database, so it is one leak, on the target, and nothing else.
    QCOMPARE(active, QStringList{QStringLiteral(
                         "endpoint-leak://BrokerStudio/Naive/Target|//BrokerStudio/Naive/Initiator")});
    const Alert &target = o.active.first();
    QCOMPARE(target.attribution, LeakAttribution::LocalNeverEnds);
    QCOMPARE(target.title,
             QStringLiteral(
                 "Endpoint leak: the target (//BrokerStudio/Naive/Target) receives but never ENDs its side"));
    QVERIFY2(target.seen.contains(QStringLiteral("Its partner //BrokerStudio/Naive/Initiator")),
             qPrintable(target.seen));
    QVERIFY2(target.seen.contains(QStringLiteral("will never expire")), qPrintable(target.seen));
    QVERIFY(!target.title.contains(QStringLiteral("far side never answers")));
    // The fix ends only the target's conversations with nothing left in its queue.
    QVERIFY2(
        target.fixSql.contains(QStringLiteral("NOT EXISTS (SELECT 1 FROM [dbo].[NaiveTargetQueue] AS q")),
        qPrintable(target.fixSql));
    // The initiator ended first, so the advice is a pattern where it does not, and the fix cleans up
    // the CLOSED endpoints the target's ENDs leave, after them.
    QVERIFY2(target.why.contains(QStringLiteral("target ends first")), qPrintable(target.why));
    QVERIFY(target.why.contains(QStringLiteral("windowed")));
    QVERIFY(!target.why.contains(QStringLiteral("must END CONVERSATION on EndDialog")));
    const qsizetype end = target.fixSql.indexOf(QStringLiteral("END CONVERSATION @handle;"));
    QVERIFY(end > 0);
    QVERIFY(target.fixSql.indexOf(QStringLiteral("END CONVERSATION @handle WITH CLEANUP;")) > end);
    QVERIFY(!find(o.active, AlertKind::QueueDisabled));
    // Nothing else was ever raised: no leak alert on the initiator's side, and no never-expire
    // alert that the leak alert then took over.
    QStringList logged;
    for (const AlertLogEntry &e : o.log)
        logged.append(e.alert.key);
    QCOMPARE(logged, active);
}

void TestAlertScenarios::poisonDisablesTheQueue()
{
    const Outcome o = runScenario(QStringLiteral("poison.json"), 600);
    const Alert *disabled = find(o.active, AlertKind::QueueDisabled);
    QVERIFY2(disabled, qPrintable(QStringLiteral("%1 active alerts").arg(o.active.size())));
    // Back on with activation off, the message set aside, and only then activation on again.
    const QString &sql = disabled->fixSql;
    const qsizetype on = sql.indexOf(QStringLiteral("WITH STATUS = ON, ACTIVATION (STATUS = OFF);"));
    const qsizetype aside = sql.indexOf(QStringLiteral("END CONVERSATION @handle WITH ERROR = 127"));
    const qsizetype activation = sql.indexOf(QStringLiteral("WITH ACTIVATION (STATUS = ON);"));
    QVERIFY2(on > 0 && aside > on && activation > aside, qPrintable(sql));
    QVERIFY(sql.contains(QStringLiteral("INSERT INTO dbo.BrokerPoisonQuarantine")));
    QVERIFY(sql.contains(QStringLiteral("CAST(message_body AS xml)")));
    QVERIFY(!sql.contains(QStringLiteral("AS nvarchar(max)")));
    QVERIFY2(disabled->why.contains(QStringLiteral("activation off")), qPrintable(disabled->why));
}

void TestAlertScenarios::lostErrorsRaiseDroppedMessages()
{
    // At 5 minutes the message type starts validating XML: the target rejects every later message and
    // its Error reaches an initiator that already ended, so it is dropped. Nothing is queued anywhere;
    // Dropped Messages Total is the only trace, and the alert must not wait for anything else.
    const Outcome before = runScenario(QStringLiteral("lost-errors.json"), 290);
    QVERIFY(!find(before.active, AlertKind::DroppedMessages));
    for (const AlertLogEntry &e : before.log)
        QVERIFY2(e.alert.kind != AlertKind::DroppedMessages, qPrintable(e.alert.seen));

    const Outcome after = runScenario(QStringLiteral("lost-errors.json"), 420);
    const Alert *dropped = find(after.active, AlertKind::DroppedMessages);
    QVERIFY2(dropped, qPrintable(QStringLiteral("%1 active alerts").arg(after.active.size())));
    QCOMPARE(dropped->key, QStringLiteral("dropped-messages"));
    QVERIFY2(dropped->seen.startsWith(QStringLiteral("Dropped Messages Total rose by ")), qPrintable(dropped->seen));
    QVERIFY(dropped->since >= QDateTime::fromString(QStringLiteral("2026-01-01T00:05:00Z"), Qt::ISODate));
    QVERIFY(dropped->fixSql.contains(QStringLiteral("FROM sys.transmission_queue")));
}

void TestAlertScenarios::healthyKeepFiringRaisesNothing()
{
    const Outcome o = runScenario(QStringLiteral("keep-firing.json"), 1800);
    QStringList raised;
    for (const AlertLogEntry &e : o.log)
        raised.append(e.alert.key + QStringLiteral(": ") + e.alert.seen);
    QVERIFY2(o.log.isEmpty(), qPrintable(raised.join(QLatin1Char('\n'))));
}

void TestAlertScenarios::oneReusedConversationBacklogIsAlerted()
{
    // 30 tasks/s on one conversation, 50 ms each: one reader at a time manages 20/s, the queue grows
    // by about 10/s while the other seven readers find no conversation group they may lock.
    const Outcome o = runScenario(QStringLiteral("one-conversation.json"), 600);
    const Alert *backlog = find(o.active, AlertKind::QueueBacklog, QStringLiteral("[dbo].[SingleTargetQueue]"));
    QVERIFY2(backlog, qPrintable(QStringLiteral("%1 active alerts").arg(o.active.size())));
    QVERIFY2(backlog->title.contains(QStringLiteral("too few conversations")), qPrintable(backlog->title));
    QVERIFY2(backlog->why.contains(QStringLiteral("RECEIVE locks a whole conversation group")), qPrintable(backlog->why));
    QVERIFY(backlog->fixSql.contains(QStringLiteral("GROUP BY conversation_group_id")));
    QVERIFY(!backlog->fixSql.contains(QStringLiteral("MAX_QUEUE_READERS =")));
    QVERIFY(!find(o.active, AlertKind::ReadersSaturated));
    // The Queues table and the graph read the same verdict.
    const QueueSample *q = o.latest.queue(QStringLiteral("dbo"), QStringLiteral("SingleTargetQueue"));
    QVERIFY(q);
    QVERIFY2(q->depth > 3000, qPrintable(QString::number(q->depth)));
    const ObjectHealth health = queueHealth(*q, o.active);
    QVERIFY(health.level != ObjectHealth::Normal);
    QCOMPARE(health.reason, backlog->title);
}

void TestAlertScenarios::transmissionAlertNamesTheDisabledQueue()
{
    // The shipping queue is turned off at minute 20: its notices wait in sys.transmission_queue with
    // "Target queue is disabled."; the invoices wait for an unreachable server all along.
    const Outcome o = runScenario(QStringLiteral("stuck-transmission.json"), 1900);
    const Alert *queue = find(o.active, AlertKind::QueueDisabled, QStringLiteral("[dbo].[ShippingTargetQueue]"));
    QVERIFY2(queue, qPrintable(QStringLiteral("%1 active alerts").arg(o.active.size())));
    QStringList titles;
    const Alert *shipping = nullptr;
    for (const Alert &a : o.active) {
        if (a.kind != AlertKind::TransmissionStuck)
            continue;
        titles.append(a.title);
        // Written words, never the raw status cut mid-word.
        QVERIFY2(!a.title.contains(QChar(0x2026)), qPrintable(a.title));
        QVERIFY2(a.title.startsWith(QStringLiteral("Messages wait in sys.transmission_queue: ")), qPrintable(a.title));
        QVERIFY2(a.seen.contains(QStringLiteral("transmission_status \"") + a.subject + QLatin1Char('"')), qPrintable(a.seen));
        if (a.subject.contains(QStringLiteral("disabled")))
            shipping = &a;
    }
    QVERIFY2(shipping, qPrintable(titles.join(QLatin1Char('\n'))));
    QCOMPARE(shipping->title,
             QStringLiteral("Messages wait in sys.transmission_queue: target queue [dbo].[ShippingTargetQueue] is disabled"));
    QVERIFY2(shipping->why.contains(queue->title), qPrintable(shipping->why));
    QCOMPARE(shipping->severity, AlertSeverity::Warning); // the queue's own alert is the critical one
    QVERIFY(titles.size() >= 2);
}

void TestAlertScenarios::backlogVariants_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<bool>("backlog");
    const auto pattern = [](int pool) {
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("keepFiring")}, {QStringLiteral("pool"), pool}};
    };
    QTest::newRow("one conversation") << oneConversationWith(pattern(1)) << true;
    // The fix the alert proposes: a pool of conversations lets the eight readers share the load.
    QTest::newRow("pool of 8 conversations") << oneConversationWith(pattern(8)) << false;
    QTest::newRow("healthy keep-firing") << scenarioText(QStringLiteral("keep-firing.json")) << false;
    QTest::newRow("healthy windowed batch") << scenarioText(QStringLiteral("windowed-batch.json")) << false;
}

void TestAlertScenarios::backlogVariants()
{
    QFETCH(QByteArray, scenario);
    QFETCH(bool, backlog);
    const Outcome o = runScenarioText(scenario, 900);
    bool raised = false;
    for (const AlertLogEntry &e : o.log)
        raised = raised || e.alert.kind == AlertKind::QueueBacklog;
    QCOMPARE(raised, backlog);
}

QTEST_APPLESS_MAIN(TestAlertScenarios)
#include "tst_alertscenarios.moc"

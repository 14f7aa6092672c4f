#include "core/alerts/alertengine.h"
#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <QTest>

using namespace bs;

namespace {

struct Outcome
{
    QList<Alert> active;
    QList<AlertLogEntry> log;
};

// Feeds a built-in scenario through the alert engine, one sample every `intervalSeconds`.
Outcome runScenario(const QString &name, double seconds, int intervalSeconds = 5)
{
    QString error;
    const auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/") + name, &error);
    if (!scenario) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    sim::Simulator simulator(*scenario);
    AlertEngine engine;
    engine.setCatalog(simulator.catalog());
    simulator.run([&](const MonitorSample &s) {
        engine.addSample(s);
        return true;
    }, sim::SimTime(seconds * 1e6), sim::SimTime(intervalSeconds * 1000000LL));
    return {engine.activeAlerts(), engine.log()};
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
    QVERIFY(disabled->fixSql.contains(QStringLiteral("WITH STATUS = ON;")));
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

QTEST_APPLESS_MAIN(TestAlertScenarios)
#include "tst_alertscenarios.moc"

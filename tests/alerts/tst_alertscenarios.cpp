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
    void healthyKeepFiringRaisesNothing();
};

void TestAlertScenarios::naiveLeakIsAttributedToTheSideThatNeverEnds()
{
    const Outcome o = runScenario(QStringLiteral("naive-leak.json"), 600);
    QVERIFY(!o.active.isEmpty());
    // The target's procedure never ends: its endpoints pile up in DISCONNECTED_INBOUND ...
    const Alert *target = find(o.active, AlertKind::EndpointLeak, QStringLiteral("endpoint-leak://BrokerStudio/Naive/Target|"));
    QVERIFY2(target, qPrintable(o.active.first().key));
    QCOMPARE(target->attribution, LeakAttribution::LocalNeverEnds);
    // ... while the initiator, which ended first, waits in DISCONNECTED_OUTBOUND for an answer.
    const Alert *initiator = find(o.active, AlertKind::EndpointLeak, QStringLiteral("endpoint-leak://BrokerStudio/Naive/Initiator|"));
    QVERIFY(initiator);
    QCOMPARE(initiator->attribution, LeakAttribution::FarNeverAnswers);
    QVERIFY(!find(o.active, AlertKind::QueueDisabled));
}

void TestAlertScenarios::poisonDisablesTheQueue()
{
    const Outcome o = runScenario(QStringLiteral("poison.json"), 600);
    const Alert *disabled = find(o.active, AlertKind::QueueDisabled);
    QVERIFY2(disabled, qPrintable(QStringLiteral("%1 active alerts").arg(o.active.size())));
    QVERIFY(disabled->fixSql.contains(QStringLiteral("WITH STATUS = ON;")));
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

#include "core/alerts/alertengine.h"
#include "core/alerts/alertruleregistry.h"

#include <QTest>

#include <functional>

using namespace bs;

namespace {

const QString Initiator = QStringLiteral("//Orders/Initiator");
const QString Target = QStringLiteral("//Orders/Target");

QDateTime at(int second)
{
    return QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
}

// A healthy baseline every rule is quiet on: a steady conversing pool, an idle queue with
// activation, an empty transmission queue, Broker counters that do not move.
MonitorSample healthy(int i)
{
    MonitorSample s;
    s.time = at(i * 5);
    s.isBrokerEnabled = true;
    EndpointGroup co;
    co.state = EndpointState::CO;
    co.localService = Initiator;
    co.farService = Target;
    co.isInitiator = true;
    co.count = 8;
    s.endpoints.append(co);
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.isActivationEnabled = true;
    q.maxReaders = 4;
    q.monitorState = QueueMonitorState::ReceivesOccurring;
    s.queues.append(q);
    for (const char *name : {"Activation Errors Total", "Dropped Messages Total"}) {
        PerfCounter pc;
        pc.object = QStringLiteral("Broker Statistics");
        pc.counter = QLatin1String(name);
        pc.value = 7;
        s.counters.append(pc);
    }
    return s;
}

EndpointGroup endpoints(EndpointState state, qint64 count)
{
    EndpointGroup g;
    g.state = state;
    g.localService = Target;
    g.farService = Initiator;
    g.count = count;
    return g;
}

// The i-th sample of a run in which the rule's condition holds (and only grows worse).
using Trigger = std::function<MonitorSample(int)>;

QHash<QString, Trigger> triggers()
{
    QHash<QString, Trigger> t;
    t.insert(QStringLiteral("broker-disabled"), [](int i) {
        MonitorSample s = healthy(i);
        s.isBrokerEnabled = false;
        return s;
    });
    t.insert(QStringLiteral("queue-disabled"), [](int i) {
        MonitorSample s = healthy(i);
        s.queues[0].isReceiveEnabled = false;
        s.queues[0].depth = 12;
        return s;
    });
    t.insert(QStringLiteral("activation-stuck"), [](int i) {
        MonitorSample s = healthy(i);
        s.queues[0].monitorState = QueueMonitorState::Notified;
        s.queues[0].depth = 40;
        return s;
    });
    t.insert(QStringLiteral("readers-saturated"), [](int i) {
        MonitorSample s = healthy(i);
        s.queues[0].activeReaders = 4;
        s.queues[0].depth = 100 + 100 * i;
        return s;
    });
    t.insert(QStringLiteral("queue-backlog"), [](int i) {
        // One of four readers runs while the queue grows: the messages are on too few conversations.
        MonitorSample s = healthy(i);
        s.queues[0].activeReaders = 1;
        s.queues[0].depth = 100 + 100 * i;
        return s;
    });
    t.insert(QStringLiteral("endpoint-leak"), [](int i) {
        MonitorSample s = healthy(i);
        EndpointGroup g = endpoints(EndpointState::CD, 100 + 40 * i);
        g.closedWithUnsetSecurityTimestamp = g.count;
        s.endpoints.append(g);
        return s;
    });
    t.insert(QStringLiteral("never-expiring"), [](int i) {
        MonitorSample s = healthy(i);
        EndpointGroup g = endpoints(EndpointState::DI, 500);
        g.neverExpiring = 500;
        s.endpoints.append(g);
        return s;
    });
    t.insert(QStringLiteral("transmission-stuck"), [](int i) {
        MonitorSample s = healthy(i);
        TransmissionGroup g;
        g.toService = Target;
        g.status = QStringLiteral("The target service name could not be found.");
        g.count = 5;
        g.oldestEnqueueTime = at(-600);
        s.transmission.append(g);
        s.transmissionQueueSize = 5;
        return s;
    });
    t.insert(QStringLiteral("activation-errors"), [](int i) {
        MonitorSample s = healthy(i);
        s.counters[0].value = 7 + i;
        return s;
    });
    t.insert(QStringLiteral("dropped-messages"), [](int i) {
        MonitorSample s = healthy(i);
        s.counters[1].value = 7 + i;
        return s;
    });
    return t;
}

constexpr int RunLength = 40; // 200 s at 5 s: longer than every default window

MonitorSample blinded(MonitorSample s, const QString &part)
{
    s.unavailable.append({part, QStringLiteral("The SELECT permission was denied"), QStringLiteral("VIEW SERVER STATE")});
    return s;
}

bool hasKind(const QList<Alert> &alerts, AlertKind kind)
{
    return std::any_of(alerts.cbegin(), alerts.cend(), [kind](const Alert &a) { return a.kind == kind; });
}

} // namespace

/// Every rule of AlertRuleRegistry, data-driven: it raises on its condition, and while any part of
/// the sample it reads is unavailable the engine neither raises nor clears its alerts.
class TestAlertRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRuleHasATestRow();
    void everyRuleDeclaresItself();
    void raisesOnItsCondition_data();
    void raisesOnItsCondition();
    void blindPartKeepsTheAlert_data();
    void blindPartKeepsTheAlert();
    void blindPartNeverRaises_data();
    void blindPartNeverRaises();
    void severityFollowsMagnitude_data();
    void severityFollowsMagnitude();

private:
    void rulesAndParts();
};

void TestAlertRules::everyRuleHasATestRow()
{
    QStringList registered;
    for (const AlertRule *r : AlertRuleRegistry::rules())
        registered.append(r->name());
    QStringList rows = triggers().keys();
    registered.sort();
    rows.sort();
    QCOMPARE(rows, registered);
}

void TestAlertRules::everyRuleDeclaresItself()
{
    QSet<QString> names;
    QSet<int> kinds;
    for (const AlertRule *r : AlertRuleRegistry::rules()) {
        QVERIFY2(!r->reads().isEmpty(), qPrintable(r->name()));
        QVERIFY2(!r->title().isEmpty(), qPrintable(r->name()));
        QVERIFY2(!names.contains(r->name()), qPrintable(r->name()));
        QVERIFY2(!kinds.contains(int(r->kind())), qPrintable(r->name()));
        names.insert(r->name());
        kinds.insert(int(r->kind()));
        QCOMPARE(alertKindName(r->kind()), r->name());
        QCOMPARE(alertKindFromName(r->name()), std::optional<AlertKind>(r->kind()));
        for (const AlertThreshold &t : r->thresholds())
            QCOMPARE(AlertRuleRegistry::threshold(t.spec.key)->spec, t.spec);
    }
}

void TestAlertRules::raisesOnItsCondition_data()
{
    QTest::addColumn<QString>("rule");
    for (const AlertRule *r : AlertRuleRegistry::rules())
        QTest::newRow(qPrintable(r->name())) << r->name();
}

void TestAlertRules::raisesOnItsCondition()
{
    QFETCH(QString, rule);
    const AlertRule *r = AlertRuleRegistry::rule(rule);
    const Trigger trigger = triggers().value(rule);
    AlertEngine engine;
    for (int i = 0; i < 5; ++i)
        QVERIFY2(engine.addSample(healthy(i)).isEmpty(), "the healthy baseline raises nothing");
    for (int i = 5; i < RunLength; ++i)
        engine.addSample(trigger(i));
    QVERIFY2(hasKind(engine.activeAlerts(), r->kind()), qPrintable(rule));
    // And clears once the condition is gone (counters need their window to pass without a rise).
    for (int i = RunLength; i < RunLength * 2; ++i) {
        MonitorSample s = healthy(i);
        s.counters[0].value = s.counters[1].value = 7 + RunLength;
        engine.addSample(s);
    }
    QVERIFY2(!hasKind(engine.activeAlerts(), r->kind()), qPrintable(rule));
}

void TestAlertRules::rulesAndParts()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("part");
    for (const AlertRule *r : AlertRuleRegistry::rules()) {
        for (const QString &part : r->reads())
            QTest::newRow(qPrintable(r->name() + QLatin1Char('/') + part)) << r->name() << part;
    }
}

void TestAlertRules::blindPartKeepsTheAlert_data()
{
    rulesAndParts();
}

void TestAlertRules::blindPartKeepsTheAlert()
{
    QFETCH(QString, rule);
    QFETCH(QString, part);
    const AlertRule *r = AlertRuleRegistry::rule(rule);
    const Trigger trigger = triggers().value(rule);
    AlertEngine engine;
    for (int i = 0; i < RunLength; ++i)
        engine.addSample(trigger(i));
    QVERIFY(hasKind(engine.activeAlerts(), r->kind()));
    // The condition is gone from the data, but the rule cannot read one of its parts: no clear.
    for (int i = RunLength; i < RunLength * 2; ++i) {
        const QList<AlertChange> changes = engine.addSample(blinded(healthy(i), part));
        for (const AlertChange &c : changes)
            QVERIFY2(!(c.type == AlertChange::Cleared && c.alert.kind == r->kind()), qPrintable(c.alert.key));
    }
    QVERIFY(hasKind(engine.activeAlerts(), r->kind()));
}

void TestAlertRules::blindPartNeverRaises_data()
{
    rulesAndParts();
}

void TestAlertRules::blindPartNeverRaises()
{
    QFETCH(QString, rule);
    QFETCH(QString, part);
    const AlertRule *r = AlertRuleRegistry::rule(rule);
    const Trigger trigger = triggers().value(rule);
    AlertEngine engine;
    for (int i = 0; i < RunLength; ++i) {
        // The data says the condition holds, but the part is marked unreadable in every sample.
        const QList<AlertChange> changes = engine.addSample(blinded(trigger(i), part));
        for (const AlertChange &c : changes)
            QVERIFY2(c.alert.kind != r->kind(), qPrintable(c.alert.key));
    }
}

void TestAlertRules::severityFollowsMagnitude_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("scale"); // multiplies the trigger's growth
    QTest::addColumn<int>("expected");
    QTest::newRow("leak of a few hundred") << QStringLiteral("endpoint-leak") << 1 << int(AlertSeverity::Warning);
    QTest::newRow("leak of 245,000") << QStringLiteral("endpoint-leak") << 200 << int(AlertSeverity::Critical);
    QTest::newRow("backlog of 4,000") << QStringLiteral("queue-backlog") << 1 << int(AlertSeverity::Warning);
    QTest::newRow("backlog of 40,000") << QStringLiteral("queue-backlog") << 10 << int(AlertSeverity::Critical);
    QTest::newRow("saturated, 4,000 waiting") << QStringLiteral("readers-saturated") << 1 << int(AlertSeverity::Warning);
    QTest::newRow("saturated, 40,000 waiting") << QStringLiteral("readers-saturated") << 10 << int(AlertSeverity::Critical);
}

void TestAlertRules::severityFollowsMagnitude()
{
    QFETCH(QString, rule);
    QFETCH(int, scale);
    QFETCH(int, expected);
    const AlertRule *r = AlertRuleRegistry::rule(rule);
    const Trigger trigger = triggers().value(rule);
    AlertEngine engine;
    for (int i = 0; i < RunLength; ++i) {
        MonitorSample s = trigger(i);
        for (QueueSample &q : s.queues)
            q.depth *= scale;
        for (EndpointGroup &g : s.endpoints) {
            if (g.state == EndpointState::CD) {
                g.count *= scale;
                g.closedWithUnsetSecurityTimestamp = g.neverExpiring = g.count;
            }
        }
        engine.addSample(s);
    }
    const QList<Alert> active = engine.activeAlerts();
    const auto it = std::find_if(active.cbegin(), active.cend(), [r](const Alert &a) { return a.kind == r->kind(); });
    QVERIFY(it != active.cend());
    QCOMPARE(int(it->severity), expected);
}

QTEST_APPLESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"

#include "core/alerts/alertengine.h"
#include "core/alerts/alertfixscript.h"
#include "core/samplecatalog.h"

#include <QTest>

using namespace bs;

namespace {

const QString Initiator = QStringLiteral("//Orders/Initiator");
const QString Target = QStringLiteral("//Orders/Target");

QDateTime at(int second)
{
    return QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
}

EndpointGroup group(EndpointState state, const QString &local, const QString &far, bool initiator, qint64 count)
{
    EndpointGroup g;
    g.state = state;
    g.localService = local;
    g.farService = far;
    g.isInitiator = initiator;
    g.count = count;
    return g;
}

QueueSample queue(const QString &name, qint64 depth)
{
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = name;
    q.depth = depth;
    q.isActivationEnabled = true;
    q.maxReaders = 4;
    q.monitorState = QueueMonitorState::ReceivesOccurring;
    return q;
}

// A healthy baseline: a steady conversing pool, an idle queue, an empty transmission queue.
MonitorSample healthy(int second)
{
    MonitorSample s;
    s.time = at(second);
    s.isBrokerEnabled = true;
    s.endpoints.append(group(EndpointState::CO, Initiator, Target, true, 8));
    s.endpoints.append(group(EndpointState::CO, Target, Initiator, false, 8));
    s.queues.append(queue(QStringLiteral("TargetQueue"), 0));
    return s;
}

// Grows one kind of endpoint of the pair by `perSample` each sample.
MonitorSample leaking(int i, const QString &kind)
{
    MonitorSample s = healthy(i * 5);
    const qint64 n = 100 + qint64(i) * 20;
    if (kind == QLatin1String("fire-and-forget")) {
        EndpointGroup g = group(EndpointState::CD, Target, Initiator, false, n);
        g.closedWithUnsetSecurityTimestamp = n;
        g.neverExpiring = n;
        s.endpoints.append(g);
    } else if (kind == QLatin1String("DI")) {
        EndpointGroup g = group(EndpointState::DI, Target, Initiator, false, n);
        g.neverExpiring = n;
        s.endpoints.append(g);
    } else if (kind == QLatin1String("DO")) {
        s.endpoints.append(group(EndpointState::DO, Initiator, Target, true, n));
    } else if (kind == QLatin1String("CO")) {
        s.endpoints[0].count += n;
    }
    return s;
}

QStringList keys(const QList<Alert> &alerts)
{
    QStringList k;
    for (const Alert &a : alerts)
        k.append(a.key);
    k.sort();
    return k;
}

} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthyRaisesNothing();
    void leakAttribution_data();
    void leakAttribution();
    void noisyGrowthIsNotALeak();
    void poisonedQueueRaisesAndClears();
    void unavailablePartKeepsAlert();
    void activationStuckInNotified_data();
    void activationStuckInNotified();
    void readersSaturated();
    void neverExpiringOutsideConversing_data();
    void neverExpiringOutsideConversing();
    void transmissionStuckByStatus();
    void brokerDisabled();
    void alertLogKeepsHistory();
    void fixScriptsQuoteIdentifiers();
    void growsSteadily_data();
    void growsSteadily();
};

void TestAlertEngine::healthyRaisesNothing()
{
    AlertEngine engine;
    engine.setCatalog(sampleCatalog());
    for (int i = 0; i < 200; ++i)
        QVERIFY(engine.addSample(healthy(i * 5)).isEmpty());
    QVERIFY(engine.activeAlerts().isEmpty());
    QVERIFY(engine.log().isEmpty());
}

void TestAlertEngine::leakAttribution_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<LeakAttribution>("attribution");
    QTest::addColumn<QString>("expectedKey");
    QTest::addColumn<QString>("fixContains");

    QTest::newRow("closed with unset security timestamp") << QStringLiteral("fire-and-forget") << LeakAttribution::FireAndForget
        << QStringLiteral("endpoint-leak://Orders/Target|//Orders/Initiator") << QStringLiteral("WITH CLEANUP");
    QTest::newRow("DI piling up") << QStringLiteral("DI") << LeakAttribution::LocalNeverEnds
        << QStringLiteral("endpoint-leak://Orders/Target|//Orders/Initiator") << QStringLiteral("END CONVERSATION @handle;");
    QTest::newRow("DO piling up") << QStringLiteral("DO") << LeakAttribution::FarNeverAnswers
        << QStringLiteral("endpoint-leak://Orders/Initiator|//Orders/Target") << QStringLiteral("GET_TRANSMISSION_STATUS");
    QTest::newRow("conversing never ended") << QStringLiteral("CO") << LeakAttribution::NeverEnded
        << QStringLiteral("endpoint-leak://Orders/Initiator|//Orders/Target") << QStringLiteral("ce.state = 'CO'");
}

void TestAlertEngine::leakAttribution()
{
    QFETCH(QString, kind);
    QFETCH(LeakAttribution, attribution);
    QFETCH(QString, expectedKey);
    QFETCH(QString, fixContains);
    AlertSettings settings;
    settings.neverExpiringMinCount = 1000000; // this test is about the leak rule only
    AlertEngine engine(settings);
    int raisedAt = -1;
    for (int i = 0; i < 30; ++i) {
        for (const AlertChange &c : engine.addSample(leaking(i, kind))) {
            if (c.type == AlertChange::Raised && raisedAt < 0)
                raisedAt = i;
        }
    }
    // It takes the full window of samples to call growth steady.
    QCOMPARE(raisedAt, settings.leakWindowSamples - 1);
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(keys(active), QStringList{expectedKey});
    const Alert &a = active.first();
    QCOMPARE(a.kind, AlertKind::EndpointLeak);
    QCOMPARE(a.attribution, attribution);
    QVERIFY2(a.fixSql.contains(fixContains), qPrintable(a.fixSql));
    QVERIFY(!a.seen.isEmpty());
    QVERIFY(!a.why.isEmpty());
    QCOMPARE(a.since, at(raisedAt * 5));

    // The leak is cleaned up: the population stops growing and the alert clears.
    QList<AlertChange> changes;
    for (int i = 30; i < 30 + settings.leakWindowSamples; ++i)
        changes += engine.addSample(healthy(i * 5));
    QVERIFY(engine.activeAlerts().isEmpty());
    QCOMPARE(engine.log().size(), 1);
    QVERIFY(engine.log().first().cleared.has_value());
}

void TestAlertEngine::noisyGrowthIsNotALeak()
{
    AlertEngine engine;
    // Up and down around a level, ending a little higher: a busy system, not a leak.
    for (int i = 0; i < 40; ++i) {
        MonitorSample s = healthy(i * 5);
        s.endpoints[0].count = 500 + (i % 2 == 0 ? 100 : -100) + i;
        engine.addSample(s);
    }
    QVERIFY(engine.activeAlerts().isEmpty());
}

void TestAlertEngine::poisonedQueueRaisesAndClears()
{
    AlertEngine engine;
    engine.setCatalog(sampleCatalog());
    engine.addSample(healthy(0));
    MonitorSample s = healthy(5);
    s.queues[0].isReceiveEnabled = false;
    s.queues[0].isEnqueueEnabled = false;
    s.queues[0].depth = 42;
    const QList<AlertChange> raised = engine.addSample(s);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().type, AlertChange::Raised);
    const Alert &a = raised.first().alert;
    QCOMPARE(a.kind, AlertKind::QueueDisabled);
    QCOMPARE(a.severity, AlertSeverity::Critical);
    QVERIFY(a.fixSql.contains(QStringLiteral("ALTER QUEUE [dbo].[TargetQueue] WITH STATUS = ON;")));
    QVERIFY(a.fixSql.indexOf(QStringLiteral("SELECT")) < a.fixSql.indexOf(QStringLiteral("ALTER QUEUE")));
    QVERIFY(a.seen.contains(QStringLiteral("42")));
    // Still disabled: no new event.
    s.time = at(10);
    QVERIFY(engine.addSample(s).isEmpty());
    const QList<AlertChange> cleared = engine.addSample(healthy(15));
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(cleared.first().type, AlertChange::Cleared);
    QCOMPARE(engine.log().first().raised, at(5));
    QCOMPARE(*engine.log().first().cleared, at(15));
}

void TestAlertEngine::unavailablePartKeepsAlert()
{
    AlertEngine engine;
    MonitorSample s = healthy(0);
    s.queues[0].isReceiveEnabled = false;
    engine.addSample(s);
    QCOMPARE(engine.activeAlerts().size(), 1);
    MonitorSample blind = healthy(5);
    blind.queues.clear();
    blind.unavailable.append({QStringLiteral("monitor.queue_depth"), QStringLiteral("denied"), QStringLiteral("VIEW DATABASE STATE")});
    QVERIFY(engine.addSample(blind).isEmpty());
    QCOMPARE(engine.activeAlerts().size(), 1);
}

void TestAlertEngine::activationStuckInNotified_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("readers");
    QTest::addColumn<bool>("expected");
    QTest::newRow("notified briefly") << 30 << 0 << false;
    QTest::newRow("notified for two minutes") << 120 << 0 << true;
    QTest::newRow("notified but a task runs") << 120 << 1 << false;
}

void TestAlertEngine::activationStuckInNotified()
{
    QFETCH(int, seconds);
    QFETCH(int, readers);
    QFETCH(bool, expected);
    AlertEngine engine;
    for (int t = 0; t <= seconds; t += 5) {
        MonitorSample s = healthy(t);
        s.queues[0].monitorState = QueueMonitorState::Notified;
        s.queues[0].depth = 10 + t;
        s.queues[0].activeReaders = readers;
        engine.addSample(s);
    }
    const QList<Alert> active = engine.activeAlerts();
    const bool stuck = std::any_of(active.cbegin(), active.cend(), [](const Alert &a) { return a.kind == AlertKind::ActivationStuckNotified; });
    QCOMPARE(stuck, expected);
    if (expected) {
        const Alert &a = active.first();
        QVERIFY(a.fixSql.contains(QStringLiteral("WITH ACTIVATION (STATUS = OFF)")));
        QVERIFY(a.fixSql.contains(QStringLiteral("WITH ACTIVATION (STATUS = ON)")));
    }
}

void TestAlertEngine::readersSaturated()
{
    AlertEngine engine;
    for (int i = 0; i < 10; ++i) {
        MonitorSample s = healthy(i * 5);
        s.queues[0].activeReaders = 4;
        s.queues[0].depth = 1000 + i * 50;
        engine.addSample(s);
    }
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.first().kind, AlertKind::ReadersSaturated);
    QVERIFY(active.first().fixSql.contains(QStringLiteral("MAX_QUEUE_READERS = 8")));
    // The backlog drains with the same readers: the alert goes.
    for (int i = 10; i < 20; ++i) {
        MonitorSample s = healthy(i * 5);
        s.queues[0].activeReaders = 4;
        s.queues[0].depth = 2000 - i * 80;
        engine.addSample(s);
    }
    QVERIFY(engine.activeAlerts().isEmpty());
}

void TestAlertEngine::neverExpiringOutsideConversing_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<qint64>("neverExpiring");
    QTest::addColumn<qint64>("closedUnset");
    QTest::addColumn<bool>("expected");
    QTest::newRow("CO is how a pool looks") << int(EndpointState::CO) << qint64(5000) << qint64(0) << false;
    QTest::newRow("DI") << int(EndpointState::DI) << qint64(500) << qint64(0) << true;
    QTest::newRow("DO below threshold") << int(EndpointState::DO) << qint64(50) << qint64(0) << false;
    QTest::newRow("CD released after 30 min") << int(EndpointState::CD) << qint64(5000) << qint64(0) << false;
    QTest::newRow("CD leaked") << int(EndpointState::CD) << qint64(5000) << qint64(5000) << true;
}

void TestAlertEngine::neverExpiringOutsideConversing()
{
    QFETCH(int, state);
    QFETCH(qint64, neverExpiring);
    QFETCH(qint64, closedUnset);
    QFETCH(bool, expected);
    AlertEngine engine;
    MonitorSample s = healthy(0);
    EndpointGroup g = group(EndpointState(state), Target, Initiator, false, neverExpiring);
    g.neverExpiring = neverExpiring;
    g.closedWithUnsetSecurityTimestamp = closedUnset;
    s.endpoints.append(g);
    engine.addSample(s);
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(active.size(), expected ? 1 : 0);
    if (expected) {
        QCOMPARE(active.first().kind, AlertKind::NeverExpiringEndpoints);
        QVERIFY(active.first().subject.contains(endpointStateCode(EndpointState(state))));
    }
}

void TestAlertEngine::transmissionStuckByStatus()
{
    AlertEngine engine;
    MonitorSample s = healthy(0);
    s.transmission.append({QStringLiteral("//Billing/Target"), QStringLiteral("The target service name could not be found. Ensure that the service name is specified correctly and/or the routing information has been supplied."), 12, at(-600)});
    s.transmission.append({QStringLiteral("//Audit/Target"), QString(), 3, at(-10)});
    s.transmission.append({QStringLiteral("//Audit/Other"), QString(), 2, std::nullopt});
    s.transmissionQueueSize = 17;
    engine.addSample(s);
    QList<Alert> active = engine.activeAlerts();
    QCOMPARE(active.size(), 1); // the empty-status rows are only 10 s old
    QVERIFY(active.first().why.contains(QStringLiteral("route")));
    QVERIFY(active.first().fixSql.contains(QStringLiteral("FROM sys.transmission_queue")));
    // Keep the empty-status rows for more than the threshold.
    for (int t = 5; t <= 400; t += 5) {
        MonitorSample next = s;
        next.time = at(t);
        engine.addSample(next);
    }
    active = engine.activeAlerts();
    QCOMPARE(active.size(), 2);
}

void TestAlertEngine::brokerDisabled()
{
    AlertEngine engine;
    BrokerCatalog c = sampleCatalog();
    engine.setCatalog(c);
    MonitorSample s = healthy(0);
    s.isBrokerEnabled = false;
    const auto changes = engine.addSample(s);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().alert.kind, AlertKind::BrokerDisabled);
    QVERIFY(changes.first().alert.fixSql.contains(QStringLiteral("SET ENABLE_BROKER")));
    // Unknown (query failed) is not "enabled": the alert stays.
    MonitorSample unknown = healthy(5);
    unknown.isBrokerEnabled.reset();
    QVERIFY(engine.addSample(unknown).isEmpty());
    QCOMPARE(engine.activeAlerts().size(), 1);
}

void TestAlertEngine::alertLogKeepsHistory()
{
    AlertEngine engine;
    for (int round = 0; round < 3; ++round) {
        MonitorSample s = healthy(round * 20);
        s.isBrokerEnabled = false;
        engine.addSample(s);
        engine.addSample(healthy(round * 20 + 10));
    }
    QCOMPARE(engine.log().size(), 3);
    for (const AlertLogEntry &e : engine.log())
        QVERIFY(e.cleared.has_value() && *e.cleared > e.raised);

    AlertEngine restored;
    QList<AlertLogEntry> log = engine.log();
    log.last().cleared.reset();
    restored.setLog(log);
    QCOMPARE(restored.activeAlerts().size(), 1);
    const auto changes = restored.addSample(healthy(100));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().type, AlertChange::Cleared);
}

void TestAlertEngine::fixScriptsQuoteIdentifiers()
{
    const QString sql = AlertFixScript::enableQueue(QStringLiteral("odd]schema"), QStringLiteral("q"));
    QVERIFY(sql.contains(QStringLiteral("[odd]]schema].[q]")));
    const QString cleanup = AlertFixScript::cleanupLeakedClosed(QStringLiteral("it's"), QStringLiteral("far"));
    QVERIFY(cleanup.contains(QStringLiteral("N'it''s'")));
    QVERIFY(AlertFixScript::enableBroker(QString()).contains(QStringLiteral("ALTER DATABASE CURRENT")));
    QVERIFY(AlertFixScript::enableBroker(QStringLiteral("Sales")).contains(QStringLiteral("ALTER DATABASE [Sales]")));
}

void TestAlertEngine::growsSteadily_data()
{
    QTest::addColumn<QList<qint64>>("values");
    QTest::addColumn<bool>("expected");
    QTest::newRow("monotone") << QList<qint64>{1, 20, 40, 60, 80} << true;
    QTest::newRow("one dip") << QList<qint64>{1, 20, 15, 60, 80} << true;
    QTest::newRow("too small") << QList<qint64>{1, 2, 3, 4, 5} << false;
    QTest::newRow("saw-tooth") << QList<qint64>{0, 100, 0, 100, 60} << false;
    QTest::newRow("one value") << QList<qint64>{100} << false;
}

void TestAlertEngine::growsSteadily()
{
    QFETCH(QList<qint64>, values);
    QFETCH(bool, expected);
    QCOMPARE(AlertRules::growsSteadily(values, 50, 0.75), expected);
}

QTEST_APPLESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"

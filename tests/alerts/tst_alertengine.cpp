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

// The two services of the tests on their own queues, so fix scripts can name the queue.
BrokerCatalog ordersCatalog()
{
    BrokerCatalog c;
    Queue iq;
    iq.objectId = 101;
    iq.schema = QStringLiteral("dbo");
    iq.name = QStringLiteral("InitiatorQueue");
    Queue tq = iq;
    tq.objectId = 102;
    tq.name = QStringLiteral("TargetQueue");
    c.queues = {iq, tq};
    Service is;
    is.id = 65536;
    is.name = Initiator;
    is.queueId = iq.objectId;
    Service ts = is;
    ts.id = 65537;
    ts.name = Target;
    ts.queueId = tq.objectId;
    c.services = {is, ts};
    return c;
}

// The demo's naive pattern: the initiator ends first (DO piles up), the target receives the
// EndDialog and never ends (DI piles up); both without LIFETIME, so all of them never expire.
MonitorSample targetNeverEnds(int i)
{
    MonitorSample s = healthy(i * 5);
    const qint64 n = 100 + qint64(i) * 20;
    EndpointGroup dout = group(EndpointState::DO, Initiator, Target, true, n);
    dout.neverExpiring = n;
    EndpointGroup di = group(EndpointState::DI, Target, Initiator, false, n);
    di.neverExpiring = n;
    s.endpoints.append(dout);
    s.endpoints.append(di);
    return s;
}

// A perf counter as SampleAssembler delivers it (object name without the instance prefix).
PerfCounter counter(const QString &name, qint64 value)
{
    PerfCounter pc;
    pc.object = QStringLiteral("Broker Statistics");
    pc.counter = name;
    pc.value = value;
    pc.type = 65792;
    return pc;
}

// The text of a T-SQL script without its comments: what would run.
QString executedPart(const QString &sql)
{
    QString out;
    qsizetype i = 0;
    while (i < sql.size()) {
        if (sql.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
        } else if (sql.mid(i, 2) == QLatin1String("--")) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end;
        } else if (sql.at(i) == QLatin1Char('\'')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\''), i + 1);
            out += sql.mid(i, end < 0 ? -1 : end + 1 - i);
            i = end < 0 ? sql.size() : end + 1;
        } else {
            out += sql.at(i++);
        }
    }
    return out;
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
    void growingNeverExpiringWaitsForLeakRule();
    void transmissionStuckByStatus();
    void brokerDisabled();
    void alertLogKeepsHistory();
    void fixScriptsQuoteIdentifiers();
    void fixScriptsQuoteOddNames_data();
    void fixScriptsQuoteOddNames();
    void endDisconnectedKeepsQueuedMessages();
    void endDisconnectedWithoutQueueOnlyLists();
    void endDisconnectedTargetEndsThenCleansUp();
    void cleanupSkipsMessagesStillLeaving();
    void transmissionFixMatchesNullStatus();
    void localPairLeakIsOneAlert();
    void initiatorNeverEndsOnlyNeedsEnd();
    void farServiceOutsideDatabaseNeverAnswers();
    void alertIdentityIsStable();
    void activationErrorsIncreasing();
    void droppedMessagesIncreasing();
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
    engine.setCatalog(ordersCatalog());
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
    QVERIFY2(a.fixSql.contains(QStringLiteral("ALTER QUEUE [dbo].[TargetQueue] WITH STATUS = ON, ACTIVATION (STATUS = OFF);")),
             qPrintable(a.fixSql));
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
    // One reading cannot tell a steady population from a growing one (which the leak rule judges).
    QVERIFY(engine.activeAlerts().isEmpty());
    s.time = at(5);
    engine.addSample(s);
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(active.size(), expected ? 1 : 0);
    if (expected) {
        QCOMPARE(active.first().kind, AlertKind::NeverExpiringEndpoints);
        QVERIFY(active.first().subject.contains(endpointStateCode(EndpointState(state))));
    }
}

void TestAlertEngine::growingNeverExpiringWaitsForLeakRule()
{
    AlertEngine engine;
    engine.setCatalog(ordersCatalog());
    int raisedAt = -1;
    // DI grows too slowly to be called a leak (2 per sample, under leakMinIncrease over the window).
    for (int i = 0; i < 20; ++i) {
        MonitorSample s = healthy(i * 5);
        EndpointGroup g = group(EndpointState::DI, Target, Initiator, false, 200 + 2 * i);
        g.neverExpiring = g.count;
        s.endpoints.append(g);
        for (const AlertChange &c : engine.addSample(s)) {
            QCOMPARE(c.alert.kind, AlertKind::NeverExpiringEndpoints);
            if (c.type == AlertChange::Raised)
                raisedAt = i;
            QVERIFY(c.type != AlertChange::Cleared);
        }
    }
    // Raised once the leak rule had its window and did not take it.
    QCOMPARE(raisedAt, engine.settings().leakWindowSamples - 1);
    QCOMPARE(engine.log().size(), 1);
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

void TestAlertEngine::fixScriptsQuoteOddNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("closing bracket") << QStringLiteral("odd]name");
    QTest::newRow("quote") << QStringLiteral("it's");
    QTest::newRow("both") << QStringLiteral("]'[");
    QTest::newRow("unicode") << QStringLiteral("Очередь_Überweisung_注文");
    QTest::newRow("128 chars") << QString(128, QLatin1Char('q'));
    QTest::newRow("128 chars ending in ]") << QString(127, QLatin1Char('q')) + QLatin1Char(']');
}

void TestAlertEngine::fixScriptsQuoteOddNames()
{
    QFETCH(QString, name);
    const QString ident =
        QLatin1Char('[') + QString(name).replace(QLatin1String("]"), QLatin1String("]]")) + QLatin1Char(']');
    const QString literal = QStringLiteral("N'") +
                            QString(name).replace(QLatin1String("'"), QLatin1String("''")) +
                            QLatin1Char('\'');
    const QString farLiteral = QStringLiteral("N'far ") +
                               QString(name).replace(QLatin1String("'"), QLatin1String("''")) +
                               QLatin1Char('\'');
    const QString far = QStringLiteral("far ") + name;

    const QString end = AlertFixScript::endDisconnected(name, far, QStringLiteral("DI"), name, name);
    QVERIFY2(end.contains(ident + QLatin1Char('.') + ident), qPrintable(end));
    QVERIFY(end.contains(QStringLiteral("s.name = ") + literal));
    QVERIFY(end.contains(QStringLiteral("ce.far_service = ") + farLiteral));
    // Every occurrence of the queue is quoted: none is left once the quoted forms are taken out.
    QString rest = end;
    rest.remove(ident).remove(literal).remove(farLiteral);
    if (name.contains(QLatin1Char(']')) || name.contains(QLatin1Char('\'')))
        QVERIFY2(!rest.contains(name), qPrintable(rest));

    for (const QString &sql :
         {AlertFixScript::cleanupLeakedClosed(name, far), AlertFixScript::inspectFarSide(name, far),
          AlertFixScript::inspectConversing(name, far),
          AlertFixScript::inspectNeverExpiring(name, far, QStringLiteral("DO")),
          AlertFixScript::inspectWithoutQueue(name, far, QStringLiteral("ER"))}) {
        QVERIFY2(sql.contains(QStringLiteral("s.name = ") + literal), qPrintable(sql));
        QVERIFY(sql.contains(QStringLiteral("ce.far_service = ") + farLiteral));
    }
    for (const QString &sql :
         {AlertFixScript::enableQueue(name, name), AlertFixScript::restartActivation(name, name),
          AlertFixScript::raiseMaxReaders(name, name, 8)})
        QVERIFY2(sql.contains(ident + QLatin1Char('.') + ident), qPrintable(sql));
    QVERIFY(AlertFixScript::enableBroker(name).contains(QStringLiteral("ALTER DATABASE ") + ident));
    QVERIFY(AlertFixScript::inspectTransmission(name).contains(QStringLiteral("= ") + literal));
}

void TestAlertEngine::endDisconnectedKeepsQueuedMessages()
{
    const QString sql = AlertFixScript::endDisconnected(Target, Initiator, QStringLiteral("DI"),
                                                        QStringLiteral("dbo"), QStringLiteral("TargetQueue"));
    const QString run = executedPart(sql);
    // 1. A review SELECT counting the messages still queued for these conversations, before any END.
    const qsizetype review = run.indexOf(QStringLiteral(
        "LEFT JOIN [dbo].[TargetQueue] AS q ON q.conversation_handle = ce.conversation_handle"));
    QVERIFY2(review > 0, qPrintable(sql));
    QVERIFY(run.indexOf(QStringLiteral("queued_messages")) < run.indexOf(QStringLiteral("END CONVERSATION")));
    QVERIFY(review < run.indexOf(QStringLiteral("END CONVERSATION")));
    // 2. Only conversations with nothing left in the queue, checked when choosing and again before END.
    QCOMPARE(run.count(QStringLiteral("NOT EXISTS (SELECT 1 FROM [dbo].[TargetQueue] AS q")), 2);
    QVERIFY(run.contains(QStringLiteral("AND ce.state = N'DI'")));
    // 3. In batches, each its own transaction.
    QVERIFY(run.contains(QStringLiteral("SELECT TOP (1000) ce.conversation_handle")));
    QVERIFY(run.contains(QStringLiteral("WHILE @found > 0")));
    QVERIFY(run.indexOf(QStringLiteral("BEGIN TRANSACTION")) <
            run.indexOf(QStringLiteral("END CONVERSATION @handle;")));
    QVERIFY(run.indexOf(QStringLiteral("COMMIT")) > run.indexOf(QStringLiteral("END CONVERSATION @handle;")));
    // WITH CLEANUP only as a labelled last resort that does not run.
    QVERIFY(!run.contains(QStringLiteral("WITH CLEANUP")));
    QVERIFY(sql.contains(QStringLiteral("/* LAST RESORT")));
    QVERIFY(sql.indexOf(QStringLiteral("WITH CLEANUP")) > sql.indexOf(QStringLiteral("/* LAST RESORT")));
    // The comments explain why.
    QVERIFY(sql.contains(QStringLiteral("END CONVERSATION also deletes every message")));
}

void TestAlertEngine::endDisconnectedWithoutQueueOnlyLists()
{
    const QString sql =
        AlertFixScript::endDisconnected(Target, Initiator, QStringLiteral("DI"), QString(), QString());
    QVERIFY(!executedPart(sql).contains(QStringLiteral("END CONVERSATION")));
    QVERIFY(sql.contains(QStringLiteral("SELECT TOP (100) ce.conversation_handle")));
}

void TestAlertEngine::endDisconnectedTargetEndsThenCleansUp()
{
    const QString sql = AlertFixScript::endDisconnectedTarget(Target, Initiator, QStringLiteral("dbo"),
                                                              QStringLiteral("TargetQueue"));
    const QString run = executedPart(sql);
    // Step A: the guarded, batched END of the target's DI conversations with nothing left in its queue.
    const qsizetype review = run.indexOf(QStringLiteral("LEFT JOIN [dbo].[TargetQueue] AS q"));
    const qsizetype end = run.indexOf(QStringLiteral("END CONVERSATION @handle;"));
    QVERIFY2(review > 0 && end > review, qPrintable(sql));
    QCOMPARE(run.count(QStringLiteral("NOT EXISTS (SELECT 1 FROM [dbo].[TargetQueue] AS q")), 2);
    QVERIFY(run.contains(QStringLiteral("AND ce.state = N'DI'")));
    QVERIFY(run.contains(QStringLiteral("SELECT TOP (1000) ce.conversation_handle")));
    // Step B, after every END of step A: the cleanup of the CLOSED target endpoints it leaves behind.
    const qsizetype cleanup = run.indexOf(QStringLiteral("END CONVERSATION @handle WITH CLEANUP;"));
    QVERIFY2(cleanup > run.lastIndexOf(QStringLiteral("END CONVERSATION @handle;")), qPrintable(sql));
    QVERIFY(run.indexOf(QStringLiteral("ce.state = 'CD'")) > end);
    QVERIFY(run.indexOf(QStringLiteral("ce.security_timestamp = '19000101'")) > end);
    QCOMPARE(run.count(QStringLiteral("WITH CLEANUP")), 1);
    // Two batches (both declare @handle, which T-SQL allows once per batch): A, GO, then B.
    const QStringList batches = sql.split(QStringLiteral("\nGO\n"));
    QCOMPARE(batches.size(), 2);
    QCOMPARE(batches[0].count(QStringLiteral("DECLARE @handle")), 1);
    QCOMPARE(batches[1].count(QStringLiteral("DECLARE @handle")), 1);
    QVERIFY(batches[0].contains(QStringLiteral("END CONVERSATION @handle;")));
    QVERIFY(batches[1].contains(QStringLiteral("END CONVERSATION @handle WITH CLEANUP;")));
    // Both steps are for this pair only, and the comments say why, in that order.
    QCOMPARE(run.count(QStringLiteral("s.name = N'//Orders/Target'")), 3);
    const qsizetype stepA = sql.indexOf(QStringLiteral("-- STEP A."));
    const qsizetype stepB = sql.indexOf(QStringLiteral("-- STEP B."));
    QVERIFY(stepA > 0 && stepB > stepA);
    QVERIFY(stepA < sql.indexOf(QStringLiteral("END CONVERSATION @handle;")));
    QVERIFY(stepB > sql.indexOf(QStringLiteral("END CONVERSATION @handle;")));
    QVERIFY(stepB < sql.indexOf(QStringLiteral("END CONVERSATION @handle WITH CLEANUP;")));
    QVERIFY(sql.contains(QStringLiteral("security_timestamp is never set")));
    QVERIFY(sql.contains(QStringLiteral("target ends first")));
    QVERIFY(sql.contains(QStringLiteral("windowed")));

    // Odd names stay quoted in both steps.
    const QString odd = AlertFixScript::endDisconnectedTarget(QStringLiteral("it's"), QStringLiteral("far]"),
                                                              QStringLiteral("s]"), QStringLiteral("q'"));
    QCOMPARE(executedPart(odd).count(QStringLiteral("s.name = N'it''s'")), 3);
    QVERIFY(odd.contains(QStringLiteral("[s]]].[q']")));
    // Without the queue nothing is ended, and so nothing cleaned up.
    const QString listOnly = AlertFixScript::endDisconnectedTarget(Target, Initiator, QString(), QString());
    QVERIFY(!executedPart(listOnly).contains(QStringLiteral("END CONVERSATION")));
}

void TestAlertEngine::cleanupSkipsMessagesStillLeaving()
{
    // WITH CLEANUP also deletes the endpoint's messages in sys.transmission_queue, such as an EndDialog
    // the initiator still waits for: those endpoints are left alone.
    const QString run = executedPart(AlertFixScript::cleanupLeakedClosed(Target, Initiator));
    QVERIFY2(run.contains(QStringLiteral("AND NOT EXISTS (SELECT 1 FROM sys.transmission_queue AS tq")),
             qPrintable(run));
    QVERIFY(run.contains(QStringLiteral("WHERE tq.conversation_handle = ce.conversation_handle")));
    QVERIFY(run.indexOf(QStringLiteral("sys.transmission_queue")) < run.indexOf(QStringLiteral("OPEN leaked;")));
}

void TestAlertEngine::transmissionFixMatchesNullStatus()
{
    // transmission_status is NULLABLE: an empty status must also find the NULL rows.
    QVERIFY(AlertFixScript::inspectTransmission(QString()).contains(
        QStringLiteral("WHERE ISNULL(transmission_status, N'') = N''")));
    QVERIFY(!executedPart(AlertFixScript::inspectTransmission(QString()))
                 .contains(QStringLiteral("WHERE transmission_status =")));
}

void TestAlertEngine::localPairLeakIsOneAlert()
{
    AlertEngine engine;
    engine.setCatalog(ordersCatalog());
    for (int i = 0; i < 30; ++i)
        engine.addSample(targetNeverEnds(i));
    const QList<Alert> active = engine.activeAlerts();
    // One root cause, one alert: on the target, which never ends; no separate DO or never-expire alerts.
    QCOMPARE(keys(active), QStringList{QStringLiteral("endpoint-leak://Orders/Target|//Orders/Initiator")});
    const Alert &a = active.first();
    QCOMPARE(a.attribution, LeakAttribution::LocalNeverEnds);
    QCOMPARE(a.title,
             QStringLiteral("Endpoint leak: the target (//Orders/Target) receives but never ENDs its side"));
    QVERIFY2(a.seen.contains(QStringLiteral("Its partner //Orders/Initiator")), qPrintable(a.seen));
    QVERIFY2(a.seen.contains(QStringLiteral("will never expire")), qPrintable(a.seen));
    QVERIFY(!a.why.contains(QStringLiteral("route")));
    QVERIFY(a.fixSql.contains(QStringLiteral("[dbo].[TargetQueue]")));
    QVERIFY(a.fixSql.contains(QStringLiteral("s.name = N'//Orders/Target'")));
    // The initiator ended first, so a target END alone leaves a CLOSED endpoint until LIFETIME: the
    // advice is a pattern where the initiator does not end first, not "END on EndDialog".
    QVERIFY2(a.why.contains(QStringLiteral("the initiator ended the dialog first (its endpoints wait in "
                                           "DISCONNECTED_OUTBOUND)")),
             qPrintable(a.why));
    QVERIFY(a.why.contains(QStringLiteral("security_timestamp is never set")));
    QVERIFY(a.why.contains(QStringLiteral("target ends first")));
    QVERIFY(a.why.contains(QStringLiteral("windowed")));
    QVERIFY(a.why.contains(QStringLiteral("LIFETIME")));
    QVERIFY(!a.why.contains(QStringLiteral("must END CONVERSATION on EndDialog")));
    // The fix ends the DI conversations, then cleans up the closed endpoints that leaves, in that order.
    const qsizetype end = a.fixSql.indexOf(QStringLiteral("END CONVERSATION @handle;"));
    QVERIFY(end > 0);
    QVERIFY2(a.fixSql.indexOf(QStringLiteral("END CONVERSATION @handle WITH CLEANUP;")) > end, qPrintable(a.fixSql));
}

void TestAlertEngine::initiatorNeverEndsOnlyNeedsEnd()
{
    // The target ended first and the initiator never ends: its DI endpoints are deleted once it ENDs,
    // so the advice is END on EndDialog, and there is nothing to clean up.
    AlertSettings settings;
    settings.neverExpiringMinCount = 1000000;
    AlertEngine engine(settings);
    engine.setCatalog(ordersCatalog());
    for (int i = 0; i < 20; ++i) {
        MonitorSample s = healthy(i * 5);
        s.endpoints.append(group(EndpointState::DI, Initiator, Target, true, 100 + i * 20));
        engine.addSample(s);
    }
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(keys(active), QStringList{QStringLiteral("endpoint-leak://Orders/Initiator|//Orders/Target")});
    const Alert &a = active.first();
    QCOMPARE(a.title,
             QStringLiteral("Endpoint leak: the initiator (//Orders/Initiator) receives but never ENDs its side"));
    QVERIFY2(a.why.contains(QStringLiteral("must END CONVERSATION on EndDialog")), qPrintable(a.why));
    QVERIFY(a.fixSql.contains(QStringLiteral("END CONVERSATION @handle;")));
    QVERIFY(a.fixSql.contains(QStringLiteral("[dbo].[InitiatorQueue]")));
    QVERIFY(!executedPart(a.fixSql).contains(QStringLiteral("WITH CLEANUP")));
}

void TestAlertEngine::farServiceOutsideDatabaseNeverAnswers()
{
    AlertSettings settings;
    settings.neverExpiringMinCount = 1000000;
    AlertEngine engine(settings);
    engine.setCatalog(ordersCatalog());
    const QString remote = QStringLiteral("//Fabrikam/Billing/Service");
    for (int i = 0; i < 20; ++i) {
        MonitorSample s = healthy(i * 5);
        s.endpoints.append(group(EndpointState::DO, Initiator, remote, true, 100 + i * 20));
        engine.addSample(s);
    }
    const QList<Alert> active = engine.activeAlerts();
    QCOMPARE(keys(active), QStringList{QStringLiteral("endpoint-leak://Orders/Initiator|") + remote});
    QCOMPARE(active.first().attribution, LeakAttribution::FarNeverAnswers);
    QVERIFY(active.first().title.contains(QStringLiteral("the far side never answers")));
}

void TestAlertEngine::alertIdentityIsStable()
{
    AlertSettings settings;
    settings.neverExpiringMinCount = 1000000;
    AlertEngine engine(settings);
    engine.setCatalog(ordersCatalog());
    QString title;
    QString seenAtRaise;
    int updates = 0;
    for (int i = 0; i < 30; ++i) {
        for (const AlertChange &c : engine.addSample(leaking(i, QStringLiteral("DI")))) {
            if (c.type == AlertChange::Raised) {
                title = c.alert.title;
                seenAtRaise = c.alert.seen;
            } else if (c.type == AlertChange::Updated) {
                ++updates;
                // The identity and the title stay; the numbers follow the samples.
                QCOMPARE(c.alert.title, title);
                QCOMPARE(c.alert.key, QStringLiteral("endpoint-leak://Orders/Target|//Orders/Initiator"));
            } else {
                QFAIL("the leak must not clear while it grows");
            }
        }
    }
    QVERIFY(updates > 0);
    QCOMPARE(engine.activeAlerts().size(), 1);
    QVERIFY(engine.activeAlerts().first().seen != seenAtRaise);
    // The log records the condition as raised, with the counts of that moment.
    QCOMPARE(engine.log().size(), 1);
    QCOMPARE(engine.log().first().alert.seen, seenAtRaise);
    QCOMPARE(engine.log().first().alert.title, title);
    QCOMPARE(engine.log().first().alert.lastSeen, at(29 * 5));
}

void TestAlertEngine::activationErrorsIncreasing()
{
    AlertEngine engine;
    auto sample = [](int i, qint64 errors) {
        MonitorSample s = healthy(i * 5);
        s.counters.append(counter(QStringLiteral("Activation Errors Total"), errors));
        return s;
    };
    for (int i = 0; i < 5; ++i)
        QVERIFY(engine.addSample(sample(i, 7)).isEmpty()); // errors from before: nothing new
    QList<AlertChange> changes = engine.addSample(sample(5, 9));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().alert.kind, AlertKind::ActivationErrors);
    QVERIFY2(changes.first().alert.seen.contains(QStringLiteral("rose by 2")),
             qPrintable(changes.first().alert.seen));
    QVERIFY(changes.first().alert.fixSql.contains(QStringLiteral("sp_readerrorlog")));
    // A server restart resets the counter: 3 after 9 is three new errors, not minus six.
    changes = engine.addSample(sample(6, 3));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().type, AlertChange::Updated);
    QVERIFY2(changes.first().alert.seen.contains(QStringLiteral("rose by 5")),
             qPrintable(changes.first().alert.seen));
    // No new error for the whole window: it clears.
    bool cleared = false;
    for (int i = 7; i < 7 + engine.settings().activationErrorSamples && !cleared; ++i) {
        for (const AlertChange &c : engine.addSample(sample(i, 3)))
            cleared = cleared || c.type == AlertChange::Cleared;
    }
    QVERIFY(cleared);
    // Counters unreadable (no VIEW SERVER STATE): no alert, and no guess.
    MonitorSample blind = healthy(500);
    blind.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"),
                              QStringLiteral("VIEW SERVER STATE")});
    QVERIFY(AlertRules::evaluate(AlertKind::ActivationErrors, {blind}).isEmpty());
}

void TestAlertEngine::droppedMessagesIncreasing()
{
    AlertEngine engine;
    auto sample = [](int i, qint64 dropped) {
        MonitorSample s = healthy(i * 5);
        s.counters.append(counter(QStringLiteral("Dropped Messages Total"), dropped));
        return s;
    };
    for (int i = 0; i < 5; ++i)
        QVERIFY(engine.addSample(sample(i, 40)).isEmpty()); // drops from before: nothing new
    QList<AlertChange> changes = engine.addSample(sample(5, 43));
    QCOMPARE(changes.size(), 1);
    const Alert &a = changes.first().alert;
    QCOMPARE(a.kind, AlertKind::DroppedMessages);
    QCOMPARE(a.key, QStringLiteral("dropped-messages"));
    QVERIFY2(a.seen.contains(QStringLiteral("rose by 3")), qPrintable(a.seen));
    // Explains what a drop is and where to look: the transmission queue, routes, the error log.
    QVERIFY(a.why.contains(QStringLiteral("put in no queue")));
    QVERIFY(a.why.contains(QStringLiteral("transmission_status")));
    QVERIFY(a.why.contains(QStringLiteral("sys.routes")));
    QVERIFY(a.why.contains(QStringLiteral("error log")));
    const QString run = executedPart(a.fixSql);
    QVERIFY2(run.contains(QStringLiteral("FROM sys.transmission_queue")), qPrintable(a.fixSql));
    QVERIFY(run.contains(QStringLiteral("GROUP BY ISNULL(transmission_status, N'')")));
    QVERIFY(run.contains(QStringLiteral("FROM sys.routes")));
    QVERIFY(run.contains(QStringLiteral("sys.sp_readerrorlog")));
    // A server restart resets the counter: 2 after 43 is two new drops, not minus 41.
    changes = engine.addSample(sample(6, 2));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().type, AlertChange::Updated);
    QVERIFY2(changes.first().alert.seen.contains(QStringLiteral("rose by 5")),
             qPrintable(changes.first().alert.seen));
    // No new drop for the whole window: it clears.
    bool cleared = false;
    for (int i = 7; i < 7 + engine.settings().activationErrorSamples && !cleared; ++i) {
        for (const AlertChange &c : engine.addSample(sample(i, 2)))
            cleared = cleared || c.type == AlertChange::Cleared;
    }
    QVERIFY(cleared);
    // Activation errors are another counter: they do not raise this alert.
    MonitorSample other = healthy(600);
    other.counters.append(counter(QStringLiteral("Activation Errors Total"), 1));
    MonitorSample other2 = healthy(605);
    other2.counters.append(counter(QStringLiteral("Activation Errors Total"), 9));
    QVERIFY(AlertRules::evaluate(AlertKind::DroppedMessages, {other, other2}).isEmpty());
    // Counters unreadable (no VIEW SERVER STATE): no alert, and no guess.
    MonitorSample blind = healthy(500);
    blind.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"),
                              QStringLiteral("VIEW SERVER STATE")});
    QVERIFY(AlertRules::evaluate(AlertKind::DroppedMessages, {sample(99, 1), blind}).isEmpty());
}

QTEST_APPLESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"

#include "core/sim/scenarioloader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace bs;
using namespace bs::sim;

namespace {

// A small valid scenario (tests/sim/minimal-scenario.json); the malformed cases replace one
// piece of it.
QByteArray minimalScenario()
{
    QFile f(QStringLiteral(BS_SOURCE_DIR "/tests/sim/minimal-scenario.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read minimal-scenario.json");
    return f.readAll();
}

int lineOf(const QByteArray &text, const QByteArray &needle)
{
    const qsizetype at = text.indexOf(needle);
    return at < 0 ? 0 : int(text.left(at).count('\n')) + 1;
}

} // namespace

class TestScenarioLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minimal();
    void shippedScenarios_data();
    void shippedScenarios();
    void malformed_data();
    void malformed();
    void locate();
    void routesToAnotherBroker();
};

void TestScenarioLoader::minimal()
{
    QString error;
    const auto s = ScenarioLoader::fromJson(minimalScenario(), &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->catalog.services.size(), 2);
    QCOMPARE(s->catalog.queues.at(1).maxReaders, 2);
    QVERIFY(s->catalog.queues.at(1).isActivationEnabled);
    QCOMPARE(s->catalog.messageTypes.at(0).validation, QStringLiteral("X"));
    QCOMPARE(s->workloads.size(), 1);
    QCOMPARE(s->workloads.at(0).pattern.pool, 4);
    QCOMPARE(s->workloads.at(0).contract, QStringLiteral("//T/Contract")); // defaults to the target's contract
    QCOMPARE(s->workloads.at(0).pattern.lifetimeSeconds, double(DefaultLifetimeSeconds));
    // Issue 16's options keep their defaults when absent: today's behaviour.
    QCOMPARE(s->workloads.at(0).task.receiveTop, 1);
    QCOMPARE(s->workloads.at(0).task.receiveSeconds, 0.0);
    QCOMPARE(s->workloads.at(0).pattern.timerSeconds, 0.0);
    QVERIFY(!s->catalog.queues.at(1).isRetentionEnabled);
    // ...and are read when present.
    QByteArray text = minimalScenario();
    text.replace("\"pool\": 4 }", "\"pool\": 4, \"timer\": { \"seconds\": 30.5, \"side\": \"initiator\" } }, "
                                  "\"task\": { \"receiveTop\": 10, \"receiveSeconds\": 0.009 }");
    const auto t = ScenarioLoader::fromJson(text, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->workloads.at(0).task.receiveTop, 10);
    QCOMPARE(t->workloads.at(0).task.receiveSeconds, 0.009);
    QCOMPARE(t->workloads.at(0).pattern.timerSeconds, 30.5);
    QVERIFY(!t->workloads.at(0).pattern.timerOnTarget);
}

void TestScenarioLoader::shippedScenarios_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 8);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestScenarioLoader::shippedScenarios()
{
    QFETCH(QString, path);
    QString error;
    const auto s = ScenarioLoader::fromFile(path, &error);
    QVERIFY2(s, qPrintable(error));
    QVERIFY(!s->name.isEmpty());
    QVERIFY(!s->description.isEmpty());
    QVERIFY(!s->workloads.isEmpty());
    // The Open Scenario dialog shows the description to users: no references into the project's
    // own notes ("Scenario 2.", "(seeds/001)", "SERVICE_BROKER.md section 6").
    static const QRegularExpression internal(QStringLiteral("^Scenario \\d|seeds/|\\.md\\b|PATTERNS|SERVICE_BROKER"));
    QVERIFY2(!internal.match(s->description).hasMatch(), qPrintable(s->description));
}

void TestScenarioLoader::malformed_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");
    QTest::newRow("malformed JSON") << QByteArray("\"version\": 1,") << QByteArray("\"version\": 1") << QStringLiteral("malformed JSON")
                                    << QStringLiteral("line 4, column");
    QTest::newRow("unknown service") << QByteArray("\"to\": \"//T/Target\"") << QByteArray("\"to\": \"//T/Nowhere\"")
                                     << QStringLiteral("workloads[0].to") << QStringLiteral("unknown service \"//T/Nowhere\"");
    QTest::newRow("negative rate") << QByteArray("\"perSecond\": 20") << QByteArray("\"perSecond\": -5")
                                   << QStringLiteral("workloads[0].rate.perSecond") << QStringLiteral("must not be negative");
    QTest::newRow("window 0") << QByteArray("\"kind\": \"keepFiring\", \"pool\": 4") << QByteArray("\"kind\": \"windowed\", \"window\": 0")
                              << QStringLiteral("workloads[0].pattern.window") << QStringLiteral("must be greater than 0");
    QTest::newRow("pool too large") << QByteArray("\"pool\": 4") << QByteArray("\"pool\": 32768")
                                    << QStringLiteral("workloads[0].pattern.pool") << QStringLiteral("must be at most 32767");
    QTest::newRow("pool fractional") << QByteArray("\"pool\": 4") << QByteArray("\"pool\": 2.5")
                                     << QStringLiteral("workloads[0].pattern.pool") << QStringLiteral("whole number");
    QTest::newRow("receiveTop 0") << QByteArray("\"pool\": 4 }") << QByteArray("\"pool\": 4 }, \"task\": { \"receiveTop\": 0 }")
                                  << QStringLiteral("workloads[0].task.receiveTop") << QStringLiteral("at least 1");
    QTest::newRow("timer side") << QByteArray("\"pool\": 4") << QByteArray("\"pool\": 4, \"timer\": { \"seconds\": 30, \"side\": \"both\" }")
                                << QStringLiteral("workloads[0].pattern.timer.side") << QStringLiteral("not one of");
    QTest::newRow("timer 0 s") << QByteArray("\"pool\": 4") << QByteArray("\"pool\": 4, \"timer\": { \"seconds\": 0, \"side\": \"target\" }")
                               << QStringLiteral("workloads[0].pattern.timer.seconds") << QStringLiteral("greater than 0");
    QTest::newRow("unknown queue") << QByteArray("\"queue\": \"InitiatorQueue\"") << QByteArray("\"queue\": \"NoQueue\"")
                                   << QStringLiteral("topology.services[0].queue") << QStringLiteral("unknown queue");
    QTest::newRow("unknown field") << QByteArray("\"duration\": 60") << QByteArray("\"duraton\": 60")
                                   << QStringLiteral("duraton") << QStringLiteral("unknown field");
    QTest::newRow("future version") << QByteArray("\"version\": 1") << QByteArray("\"version\": 2")
                                    << QStringLiteral("version") << QStringLiteral("not supported");
    QTest::newRow("bad sentBy") << QByteArray("\"sentBy\": \"INITIATOR\"") << QByteArray("\"sentBy\": \"ME\"")
                                << QStringLiteral("topology.contracts[0].messages[0].sentBy") << QStringLiteral("not one of");
    QTest::newRow("readers too many") << QByteArray("\"maxReaders\": 2") << QByteArray("\"maxReaders\": 40000")
                                      << QStringLiteral("topology.queues[1].activation.maxReaders") << QStringLiteral("at most 32767");
    QTest::newRow("rate not a number") << QByteArray("\"perSecond\": 20") << QByteArray("\"perSecond\": \"fast\"")
                                       << QStringLiteral("workloads[0].rate.perSecond") << QStringLiteral("must be a number");
    QTest::newRow("route to a local service")
        << QByteArray("\"services\": [") << QByteArray("\"routes\": [ { \"name\": \"R\", \"service\": \"//T/Target\", \"address\": \"TCP://db2:4022\" } ], \"services\": [")
        << QStringLiteral("topology.routes[0].service") << QStringLiteral("is a service of this database");
    QTest::newRow("route address not a string")
        << QByteArray("\"services\": [") << QByteArray("\"routes\": [ { \"name\": \"R\", \"service\": \"//X/Remote\", \"address\": 4022 } ], \"services\": [")
        << QStringLiteral("topology.routes[0].address") << QStringLiteral("must be a string");
    QTest::newRow("unknown route failure")
        << QByteArray("\"services\": [")
        << QByteArray("\"routes\": [ { \"name\": \"R\", \"service\": \"//X/Remote\", \"address\": \"TCP://db2:4022\", \"failure\": \"down\" } ], \"services\": [")
        << QStringLiteral("topology.routes[0].failure") << QStringLiteral("not one of");
    QTest::newRow("binding with unknown contract")
        << QByteArray("\"services\": [")
        << QByteArray("\"remoteServiceBindings\": [ { \"name\": \"B\", \"service\": \"//X/Remote\", \"contract\": \"//T/Nope\" } ], \"services\": [")
        << QStringLiteral("topology.remoteServiceBindings[0].contract") << QStringLiteral("unknown contract");
    QTest::newRow("not an object") << minimalScenario() << QByteArray("[1, 2]") << QStringLiteral("line 1, column 1")
                                   << QStringLiteral("must be a JSON object");
}

void TestScenarioLoader::malformed()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, field);
    QFETCH(QString, problem);
    QByteArray text = minimalScenario();
    QVERIFY(text.contains(from));
    text.replace(from, to);
    QString error;
    QVERIFY(!ScenarioLoader::fromJson(text, &error));
    QVERIFY2(error.contains(field), qPrintable(error));
    QVERIFY2(error.contains(problem), qPrintable(error));
    // Field errors also say where the value is in the file.
    if (field.startsWith(QLatin1String("workloads")) || field.startsWith(QLatin1String("topology"))) {
        const int line = lineOf(text, to);
        QVERIFY2(error.startsWith(QStringLiteral("line %1, column ").arg(line)), qPrintable(error));
    }
}

void TestScenarioLoader::locate()
{
    const QByteArray text = minimalScenario();
    const auto [line, column] = ScenarioLoader::locate(text, QStringLiteral("workloads[0].pattern.pool"));
    QCOMPARE(line, lineOf(text, "\"pool\""));
    QVERIFY(column > 1);
    QCOMPARE(ScenarioLoader::locate(text, QStringLiteral("workloads[3]")), std::make_pair(0, 0));
    QCOMPARE(ScenarioLoader::locate(text, QStringLiteral("topology.queues[1].activation.procedure")).first,
             lineOf(text, "\"dbo.Target\""));
}

// A route to another broker: the catalog shows it and its binding as sys.routes and
// sys.remote_service_bindings would, a workload may target the remote service (with an explicit
// contract: the service is not here to default to), and the route says what the network does.
void TestScenarioLoader::routesToAnotherBroker()
{
    QByteArray text = minimalScenario();
    text.replace("\"services\": [",
                 "\"routes\": [ { \"name\": \"AutoCreatedLocal\", \"address\": \"LOCAL\" },"
                 "  { \"name\": \"BillingRoute\", \"service\": \"//X/Billing\", \"address\": \"TCP://billing01:4022\","
                 "    \"brokerInstance\": \"3F2504E0-4F89-11D3-9A0C-0305E82C3301\", \"failure\": \"unreachable\" } ],"
                 "\"remoteServiceBindings\": [ { \"name\": \"BillingBinding\", \"service\": \"//X/Billing\", \"contract\": \"//T/Contract\" } ],"
                 "\"services\": [");
    QByteArray remote = text;
    remote.replace("\"to\": \"//T/Target\",", "\"to\": \"//X/Billing\",");
    QString error;
    QVERIFY(!ScenarioLoader::fromJson(remote, &error));
    QVERIFY2(error.contains(QLatin1String("workloads[0].contract")) && error.contains(QLatin1String("remote service")), qPrintable(error));
    remote.replace("\"to\": \"//X/Billing\",", "\"to\": \"//X/Billing\", \"contract\": \"//T/Contract\",");
    const auto s = ScenarioLoader::fromJson(remote, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->catalog.routes.size(), 2);
    QCOMPARE(s->catalog.routes.at(0).id, 1);
    const Route &billing = s->catalog.routes.at(1);
    QCOMPARE(billing.name, QStringLiteral("BillingRoute"));
    QCOMPARE(billing.remoteServiceName, QStringLiteral("//X/Billing"));
    QCOMPARE(billing.address, QStringLiteral("TCP://billing01:4022"));
    QCOMPARE(billing.brokerInstance, QStringLiteral("3F2504E0-4F89-11D3-9A0C-0305E82C3301"));
    QCOMPARE(s->catalog.remoteServiceBindings.size(), 1);
    QCOMPARE(s->catalog.remoteServiceBindings.at(0).contractId, s->catalog.contractByName(QStringLiteral("//T/Contract"))->id);
    QCOMPARE(s->routeBehaviours.size(), 1); // the LOCAL route needs none
    QCOMPARE(s->routeBehaviours.at(0).route, QStringLiteral("BillingRoute"));
    QCOMPARE(s->routeBehaviours.at(0).failure, RouteFailure::Unreachable);
    QCOMPARE(s->workloads.at(0).toService, QStringLiteral("//X/Billing"));
}

QTEST_GUILESS_MAIN(TestScenarioLoader)
#include "tst_scenarioloader.moc"

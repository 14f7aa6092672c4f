#include "core/sim/scenarioloader.h"

#include <QDir>
#include <QFile>
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
}

void TestScenarioLoader::shippedScenarios_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 7);
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

QTEST_GUILESS_MAIN(TestScenarioLoader)
#include "tst_scenarioloader.moc"

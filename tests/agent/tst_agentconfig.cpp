#include "agent/agentconfig.h"
#include "agent/credentialresolver.h"
#include "agent/samplerlane.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

/// The fleet file: valid forms, and every malformed one refused with its line and column;
/// credentials never in the file; password files readable only by the agent's user.
class TestAgentConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samplerLaneNeedsRoundsInARow_data();
    void samplerLaneNeedsRoundsInARow();
    void valid();
    void malformed_data();
    void malformed();
    void listen_data();
    void listen();
    void passwordFile_data();
    void passwordFile();
    void passwordFromEnvironment();
    void passwordQuotedIntoConnection();
};

void TestAgentConfig::valid()
{
    const QByteArray json = R"({
  "listen": "127.0.0.1:9600",
  "maxPairsPerDatabase": 20,
  "samplerThreads": 12,
  "thresholds": {"leakMinIncrease": 100},
  "targets": [
    {"name": "sales", "connection": "Driver={ODBC Driver 18 for SQL Server};Server=sql1;Database=Sales;UID=bs_monitor",
     "password": {"env": "BS_SALES_PASSWORD"}, "intervalSeconds": 30},
    {"name": "hr", "dsn": "HR", "database": "Hr", "integratedAuth": true},
    {"name": "demo", "simulation": "demo", "speed": 1000, "intervalSeconds": 0.1}
  ]
})";
    QString error;
    const auto config = AgentConfig::parse(json, QStringLiteral("fleet.json"), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->listenPort, 9600);
    QCOMPARE(config->maxPairsPerDatabase, 20);
    QCOMPARE(config->maxQueuesPerDatabase, AgentConfig::DefaultMaxPairs);
    QCOMPARE(config->samplerThreads, 12);
    QCOMPARE(config->slowSamplerThreads, AgentConfig::DefaultSlowSamplerThreads);
    QCOMPARE(config->thresholds.value(QStringLiteral("leakMinIncrease")), 100.0);
    QCOMPARE(config->targets.size(), 3);
    const AgentTargetConfig &sales = config->targets.at(0);
    QCOMPARE(sales.intervalMs, 30000);
    QCOMPARE(sales.credential.kind, CredentialSpec::Kind::Environment);
    QCOMPARE(sales.credential.value, QStringLiteral("BS_SALES_PASSWORD"));
    QCOMPARE(sales.line, 7);
    QVERIFY(!sales.connection.contains(QStringLiteral("PWD"), Qt::CaseInsensitive));
    const AgentTargetConfig &hr = config->targets.at(1);
    QCOMPARE(hr.connection, QStringLiteral("DSN=HR;DATABASE=Hr;"));
    QCOMPARE(hr.credential.kind, CredentialSpec::Kind::Integrated);
    QCOMPARE(hr.intervalMs, AgentConfig::DefaultIntervalSeconds * 1000);
    const AgentTargetConfig &demo = config->targets.at(2);
    QCOMPARE(demo.kind, AgentTargetConfig::Kind::Simulation);
    QCOMPARE(demo.intervalMs, 100);
    QCOMPARE(demo.speed, 1000.0);
}

void TestAgentConfig::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("position");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax: missing comma") << QByteArray("{\n  \"targets\": [\n    {\"name\": \"a\" \"dsn\": \"x\"}\n  ]\n}")
                                           << QStringLiteral("f.json:3:19") << QStringLiteral("object");
    QTest::newRow("syntax: truncated") << QByteArray("{\"targets\": [") << QStringLiteral("f.json:1:") << QString();
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("f.json:1:1") << QStringLiteral("JSON object");
    QTest::newRow("no targets") << QByteArray("{\n\"listen\": \":9599\"\n}") << QStringLiteral("f.json:1:1") << QStringLiteral("\"targets\"");
    QTest::newRow("unknown key") << QByteArray("{\n \"targets\": [{\"name\": \"a\", \"dsn\": \"x\",\n   \"pasword\": 1}]\n}")
                                 << QStringLiteral("f.json:3:15") << QStringLiteral("unknown key \"pasword\"");
    QTest::newRow("password in connection") << QByteArray("{\"targets\": [\n {\"name\": \"a\",\n  \"connection\": \"Server=s;UID=u;PWD=secret\"}]}")
                                            << QStringLiteral("f.json:3:17") << QStringLiteral("holds a password (PWD=)");
    QTest::newRow("password as text") << QByteArray("{\"targets\": [{\"name\": \"a\", \"dsn\": \"x\", \"password\": \"secret\"}]}")
                                      << QStringLiteral("f.json:1:") << QStringLiteral("never the password itself");
    QTest::newRow("two sources") << QByteArray("{\"targets\": [\n  {\"name\": \"a\", \"dsn\": \"x\", \"simulation\": \"demo\"}]}")
                                 << QStringLiteral("f.json:2:3") << QStringLiteral("exactly one of");
    QTest::newRow("missing name") << QByteArray("{\"targets\": [\n\n  {\"dsn\": \"x\"}]}") << QStringLiteral("f.json:3:3")
                                  << QStringLiteral("\"name\" is missing");
    QTest::newRow("duplicate name") << QByteArray("{\"targets\": [{\"name\": \"a\", \"dsn\": \"x\"},\n {\"name\": \"a\", \"dsn\": \"y\"}]}")
                                    << QStringLiteral("f.json:2:11") << QStringLiteral("used twice");
    QTest::newRow("interval too short") << QByteArray("{\"targets\": [{\"name\": \"a\", \"dsn\": \"x\", \"intervalSeconds\": 0.5}]}")
                                        << QStringLiteral("f.json:1:") << QStringLiteral("from 1 to 600");
    QTest::newRow("no sampler threads") << QByteArray("{\"samplerThreads\": 0, \"targets\": [{\"name\": \"a\", \"dsn\": \"x\"}]}")
                                        << QStringLiteral("f.json:1:") << QStringLiteral("from 1 to 256");
    QTest::newRow("bad listen") << QByteArray("{\"listen\": \"nowhere\", \"targets\": [{\"name\": \"a\", \"dsn\": \"x\"}]}")
                                << QStringLiteral("f.json:1:12") << QStringLiteral("host:port");
    QTest::newRow("unterminated brace") << QByteArray("{\"targets\": [{\"name\": \"a\", \"connection\": \"Server={x;\"}]}")
                                        << QStringLiteral("f.json:1:") << QStringLiteral("connection string");
}

void TestAgentConfig::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, position);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!AgentConfig::parse(json, QStringLiteral("f.json"), &error));
    QVERIFY2(error.startsWith(position), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("secret")), qPrintable(error));
}

void TestAgentConfig::listen_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("ipv4") << QStringLiteral("127.0.0.1:9599") << true << QStringLiteral("127.0.0.1") << 9599;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:9600") << true << QStringLiteral("::1") << 9600;
    QTest::newRow("port only") << QStringLiteral(":0") << true << QStringLiteral("127.0.0.1") << 0;
    QTest::newRow("all") << QStringLiteral("0.0.0.0:9599") << true << QStringLiteral("0.0.0.0") << 9599;
    QTest::newRow("no port") << QStringLiteral("127.0.0.1") << false << QString() << 0;
    QTest::newRow("bad port") << QStringLiteral("127.0.0.1:70000") << false << QString() << 0;
    QTest::newRow("host name") << QStringLiteral("example.org:1") << false << QString() << 0;
}

void TestAgentConfig::listen()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QHostAddress a;
    int p = -1;
    QString error;
    QCOMPARE(AgentConfig::parseListen(text, &a, &p, &error), ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QFETCH(QString, address);
    QFETCH(int, port);
    QCOMPARE(a.toString(), address);
    QCOMPARE(p, port);
}

void TestAgentConfig::passwordFile_data()
{
    QTest::addColumn<int>("permissions");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0600") << int(QFile::ReadOwner | QFile::WriteOwner) << true;
    QTest::newRow("0400") << int(QFile::ReadOwner) << true;
    QTest::newRow("0640 group-readable") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup) << false;
    QTest::newRow("0644 world-readable") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther) << false;
}

void TestAgentConfig::passwordFile()
{
    QFETCH(int, permissions);
    QFETCH(bool, accepted);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sales.pw"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("s3cr3t;}pw\n");
    f.close();
    QVERIFY(QFile::setPermissions(path, QFile::Permissions(permissions)));
    const CredentialResolver::Result r = CredentialResolver::resolve({CredentialSpec::Kind::File, path});
    QCOMPARE(r.ok, accepted);
    if (accepted) {
        QCOMPARE(r.password, QStringLiteral("s3cr3t;}pw"));
    } else {
        QVERIFY2(r.error.contains(QStringLiteral("group or others")) && r.error.contains(QStringLiteral("chmod 600")), qPrintable(r.error));
        QVERIFY(!r.error.contains(QStringLiteral("s3cr3t")));
    }
    const CredentialResolver::Result missing = CredentialResolver::resolve({CredentialSpec::Kind::File, dir.filePath(QStringLiteral("none"))});
    QVERIFY(!missing.ok);
    QVERIFY(missing.error.contains(QStringLiteral("does not exist")));
}

void TestAgentConfig::passwordFromEnvironment()
{
    qputenv("BS_TEST_AGENT_PW", "from-env");
    CredentialResolver::Result r = CredentialResolver::resolve({CredentialSpec::Kind::Environment, QStringLiteral("BS_TEST_AGENT_PW")});
    QVERIFY(r.ok);
    QCOMPARE(r.password, QStringLiteral("from-env"));
    qunsetenv("BS_TEST_AGENT_PW");
    r = CredentialResolver::resolve({CredentialSpec::Kind::Environment, QStringLiteral("BS_TEST_AGENT_PW")});
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("BS_TEST_AGENT_PW")));
}

void TestAgentConfig::passwordQuotedIntoConnection()
{
    QCOMPARE(CredentialResolver::withPassword(QStringLiteral("Server=s;UID=u;"), QStringLiteral("a;b}c")),
             QStringLiteral("Server=s;UID=u;PWD={a;b}}c};"));
    QCOMPARE(CredentialResolver::withPassword(QStringLiteral("DSN=x;"), QString()), QStringLiteral("DSN=x;"));
}

void TestAgentConfig::samplerLaneNeedsRoundsInARow_data()
{
    // Round times in ms, from a poller's first round; the lane after each move and how many moves.
    QTest::addColumn<QList<qint64>>("rounds");
    QTest::addColumn<bool>("slow");
    QTest::addColumn<int>("moves");
    QTest::newRow("healthy") << QList<qint64>{300, 250, 400, 280} << false << 0;
    QTest::newRow("slow login and first census only") << QList<qint64>{9000, 300, 280, 310} << false << 0;
    QTest::newRow("a census now and then") << QList<qint64>{300, 2500, 300, 2600, 2700, 300, 2500} << false << 0;
    QTest::newRow("three slow rounds after the first") << QList<qint64>{300, 2500, 2600, 2700} << true << 1;
    QTest::newRow("exactly 2 s is not slow") << QList<qint64>{300, 2000, 2000, 2000} << false << 0;
    // Moved: a new poller, whose first round (a new login) does not count either.
    QTest::newRow("recovered") << (QList<qint64>{0, 3000, 3000, 3000, 5000} + QList<qint64>(10, 200)) << false << 2;
    QTest::newRow("not yet recovered") << (QList<qint64>{0, 3000, 3000, 3000, 5000} + QList<qint64>(9, 200)) << true << 1;
    QTest::newRow("one slow round resets the count")
        << (QList<qint64>{0, 3000, 3000, 3000, 5000} + QList<qint64>(9, 200) + QList<qint64>{1500} + QList<qint64>(9, 200))
        << true << 1;
}

void TestAgentConfig::samplerLaneNeedsRoundsInARow()
{
    QFETCH(QList<qint64>, rounds);
    QFETCH(bool, slow);
    QFETCH(int, moves);
    SamplerLane lane;
    int moved = 0;
    for (qint64 ms : rounds)
        moved += lane.roundFinished(ms) ? 1 : 0;
    QCOMPARE(lane.slow(), slow);
    QCOMPARE(moved, moves);
}

QTEST_GUILESS_MAIN(TestAgentConfig)
#include "tst_agentconfig.moc"

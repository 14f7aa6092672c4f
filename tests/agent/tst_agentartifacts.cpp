#include "agent/agentmetrics.h"
#include "agent/agentrulecatalog.h"
#include "agent/grafanadashboard.h"
#include "agent/prometheusrules.h"
#include "agent/sqlexportercollector.h"
#include "data/querylibrary.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

/// What the agent generates and how it is built: the Prometheus rules (promtool check rules, one
/// per alert rule with its thresholds and runbook anchor), the Grafana dashboard (the file in
/// resources/grafana is the generated one and uses only exported metrics), the sql_exporter
/// configuration (the sql/monitor statements with their columns), the executable (links no
/// Qt Widgets; malformed config → line and column; `broker-studio agent` forwards to it).
class TestAgentArtifacts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesCoverEveryAlertRule();
    void rulesCarryConfiguredThresholds();
    void promtoolChecksRules();
    void dashboardFileIsGenerated();
    void dashboardUsesOnlyExportedMetrics();
    void runbookAnchorsExist();
    void sqlExporterUsesMonitorStatements();
    void agentLinksNoWidgets();
    void malformedConfigNamesLineAndColumn();
    void brokerStudioForwardsToTheAgent();

private:
    static QString agentPath() { return QStringLiteral(BS_BINARY_DIR "/app/broker-studio-agent"); }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

void TestAgentArtifacts::rulesCoverEveryAlertRule()
{
    QString error;
    const QString yaml = PrometheusRules::yaml({}, QStringLiteral("https://docs.example/fleet.md"), &error);
    QVERIFY2(!yaml.isEmpty(), qPrintable(error));
    for (const AgentRuleCatalog::Rule &rule : AgentRuleCatalog::rules()) {
        const QString kind = alertKindName(rule.kind);
        QVERIFY2(yaml.contains(QStringLiteral("alert: \"%1\"").arg(PrometheusRules::alertName(kind))), qPrintable(kind));
        QVERIFY(yaml.contains(QStringLiteral("broker_studio_alert{rule=\\\"%1\\\"} == 1").arg(kind)));
        QVERIFY(yaml.contains(QStringLiteral("https://docs.example/fleet.md#rule-") + kind));
        QVERIFY(yaml.contains(rule.title));
        for (const ThresholdSpec &spec : rule.thresholds)
            QVERIFY2(yaml.contains(spec.label + QStringLiteral(" = ")) && yaml.contains(spec.toolTip), qPrintable(spec.key));
    }
    QVERIFY(yaml.contains(QStringLiteral("broker_studio_up == 0")));
    QCOMPARE(PrometheusRules::alertName(QStringLiteral("endpoint-leak")), QStringLiteral("BrokerStudioEndpointLeak"));
}

void TestAgentArtifacts::rulesCarryConfiguredThresholds()
{
    QString error;
    const QString yaml = PrometheusRules::yaml({{QStringLiteral("leakMinIncrease"), 250}}, PrometheusRules::defaultRunbookBase(), &error);
    QVERIFY2(yaml.contains(QStringLiteral("Endpoint leak: growth = 250 endpoints")), qPrintable(yaml));
    QVERIFY(PrometheusRules::yaml({{QStringLiteral("noSuchThreshold"), 1}}, {}, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("noSuchThreshold")));
}

void TestAgentArtifacts::promtoolChecksRules()
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus; CI installs it)");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.yml"));
    QProcess agent;
    agent.setStandardOutputFile(path);
    agent.start(agentPath(), {QStringLiteral("--print-rules")});
    QVERIFY(agent.waitForFinished(30000));
    QCOMPARE(agent.exitCode(), 0);
    QProcess check;
    check.start(promtool, {QStringLiteral("check"), QStringLiteral("rules"), path});
    QVERIFY(check.waitForFinished(30000));
    const QByteArray out = check.readAllStandardOutput() + check.readAllStandardError();
    QVERIFY2(check.exitCode() == 0, out.constData());
    QVERIFY2(out.contains(QByteArray(QByteArray::number(AgentRuleCatalog::rules().size() + 1) + " rules found")), out.constData());
}

void TestAgentArtifacts::dashboardFileIsGenerated()
{
    const QByteArray file = readFile(QStringLiteral(BS_SOURCE_DIR "/resources/grafana/broker-studio-fleet.json"));
    QVERIFY(!file.isEmpty());
    // Regenerate with: broker-studio agent --print-dashboard > resources/grafana/broker-studio-fleet.json
    QCOMPARE(QJsonDocument::fromJson(file), QJsonDocument::fromJson(GrafanaDashboard::json()));
}

void TestAgentArtifacts::dashboardUsesOnlyExportedMetrics()
{
    // Read from the committed file itself, so a hand edit cannot slip an unknown metric in.
    const QByteArray file = readFile(QStringLiteral(BS_SOURCE_DIR "/resources/grafana/broker-studio-fleet.json"));
    static const QRegularExpression name(QStringLiteral("\\b(broker_studio_[a-z0-9_]+)"));
    QSet<QString> used;
    auto it = name.globalMatch(QString::fromUtf8(file));
    while (it.hasNext())
        used.insert(it.next().captured(1));
    QVERIFY(used.size() >= 10);
    for (const QString &metric : std::as_const(used))
        QVERIFY2(AgentMetrics::definition(metric), qPrintable(metric + QStringLiteral(" is not exported by the agent")));
    for (const QString &panelMetric : GrafanaDashboard::metricNames())
        QVERIFY(used.contains(panelMetric));
}

void TestAgentArtifacts::runbookAnchorsExist()
{
    const QString doc = QString::fromUtf8(readFile(QStringLiteral(BS_SOURCE_DIR "/docs/fleet.md")));
    for (const AgentRuleCatalog::Rule &rule : AgentRuleCatalog::rules())
        QVERIFY2(doc.contains(QStringLiteral("<a id=\"rule-%1\"></a>").arg(alertKindName(rule.kind))), qPrintable(alertKindName(rule.kind)));
    QVERIFY(doc.contains(QStringLiteral("<a id=\"rule-target-down\"></a>")));
}

void TestAgentArtifacts::sqlExporterUsesMonitorStatements()
{
    const QString yaml = SqlExporterCollector::yaml();
    QCOMPARE(SqlExporterCollector::queries().size(), QueryLibrary::names(QStringLiteral("monitor")).size());
    for (const SqlExporterCollector::Query &q : SqlExporterCollector::queries()) {
        const QString text = QueryLibrary::text(QStringLiteral("monitor.") + q.tag);
        QVERIFY2(!text.isEmpty(), qPrintable(q.tag));
        QVERIFY(yaml.contains(QStringLiteral("      -- query: ") + q.tag));
        // Every column named as a label or value is a column the statement returns.
        for (const QString &column : q.labels + q.values)
            QVERIFY2(QRegularExpression(QStringLiteral("\\b%1\\b").arg(column)).match(text).hasMatch(), qPrintable(q.tag + QLatin1Char('.') + column));
    }
}

void TestAgentArtifacts::agentLinksNoWidgets()
{
    // The agent is a service: neither its executable nor anything it loads is a GUI library.
    QVERIFY(QFile::exists(agentPath()));
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {agentPath()});
    QVERIFY(ldd.waitForFinished(30000));
    const QByteArray libs = ldd.readAllStandardOutput();
    QVERIFY2(libs.contains("libQt6Core"), libs.constData());
    QVERIFY2(libs.contains("libQt6HttpServer"), libs.constData());
    for (const char *gui : {"libQt6Widgets", "libQt6Gui", "libQt6Charts", "libQt6Svg", "libgvc"})
        QVERIFY2(!libs.contains(gui), gui);
}

void TestAgentArtifacts::malformedConfigNamesLineAndColumn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fleet.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"targets\": [\n    {\"name\": \"a\", \"dsn\": \"x\", \"intervalSeconds\": \"often\"}\n  ]\n}\n");
    f.close();
    QProcess agent;
    agent.start(agentPath(), {QStringLiteral("--config"), path, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(agent.waitForFinished(30000));
    QCOMPARE(agent.exitCode(), 1);
    const QString err = QString::fromUtf8(agent.readAllStandardError());
    QVERIFY2(err.contains(path + QStringLiteral(":3:")) && err.contains(QStringLiteral("intervalSeconds")), qPrintable(err));
}

void TestAgentArtifacts::brokerStudioForwardsToTheAgent()
{
    QProcess app;
    app.start(QStringLiteral(BS_BINARY_DIR "/app/broker-studio"), {QStringLiteral("agent"), QStringLiteral("--print-rules")});
    QVERIFY(app.waitForFinished(30000));
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(app.readAllStandardOutput().contains("BrokerStudioEndpointLeak"));
}

QTEST_GUILESS_MAIN(TestAgentArtifacts)
#include "tst_agentartifacts.moc"

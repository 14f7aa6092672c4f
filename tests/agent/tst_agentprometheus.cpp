#include "agenttestfleet.h"
#include "httpfetch.h"
#include "metricstext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using namespace bs;
using namespace bs::test;

/// The real thing: Debian's `prometheus` scrapes a `broker-studio-agent` process that monitors
/// the demo simulation (at 1000×) and a TDS-test-server target, with the rules the agent
/// generates loaded. Values read through /api/v1/query equal the agent's own; /api/v1/alerts shows
/// the demo's leak alerts firing and nothing for the healthy keep-firing pair. Ports are chosen at
/// run time; both processes are stopped at the end. Skipped only where prometheus is not installed.
class TestAgentPrometheus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void prometheusScrapesBothTargets();
    void valuesMatchTheAgent();
    void leakAlertsFireHealthyPairDoesNot();

private:
    QJsonArray query(const QString &promql);
    static quint16 freePort();

    AgentTestFleet m_fleet;
    QProcess m_agent;
    QProcess m_prometheus;
    quint16 m_agentPort = 0;
    quint16 m_promPort = 0;
};

quint16 TestAgentPrometheus::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

void TestAgentPrometheus::initTestCase()
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        QSKIP("prometheus is not installed (Debian package prometheus; CI installs it)");
    QVERIFY(m_fleet.isValid());
    QString error;
    QVERIFY2(m_fleet.addServer(QStringLiteral("sales"), AgentTestFleet::Fault::None, &error), qPrintable(error));
    m_fleet.addDemo(QStringLiteral("demo"), 1000, 100); // 100 simulated seconds: 0.1 s of wall time
    const QString fleet = m_fleet.write();

    // The agent on a port of its own choosing; it says which on stderr.
    m_agent.start(QStringLiteral(BS_BINARY_DIR "/app/broker-studio-agent"),
                  {QStringLiteral("--config"), fleet, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(m_agent.waitForStarted());
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    QByteArray agentErr;
    QTRY_VERIFY_WITH_TIMEOUT((agentErr += m_agent.readAllStandardError(), listening.match(QString::fromUtf8(agentErr)).hasMatch()), 10000);
    m_agentPort = quint16(listening.match(QString::fromUtf8(agentErr)).captured(1).toUInt());

    QProcess rules;
    rules.setStandardOutputFile(m_fleet.dir() + QStringLiteral("/rules.yml"));
    rules.start(QStringLiteral(BS_BINARY_DIR "/app/broker-studio-agent"), {QStringLiteral("--print-rules")});
    QVERIFY(rules.waitForFinished(30000) && rules.exitCode() == 0);

    QFile config(m_fleet.dir() + QStringLiteral("/prometheus.yml"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                "rule_files:\n  - %1/rules.yml\n"
                                "scrape_configs:\n  - job_name: broker-studio\n    static_configs:\n      - targets: ['127.0.0.1:%2']\n")
                     .arg(m_fleet.dir())
                     .arg(m_agentPort)
                     .toUtf8());
    config.close();
    m_promPort = freePort();
    m_prometheus.setProcessChannelMode(QProcess::MergedChannels);
    m_prometheus.start(prometheus, {QStringLiteral("--config.file=") + config.fileName(),
                                    QStringLiteral("--storage.tsdb.path=") + m_fleet.dir() + QStringLiteral("/tsdb"),
                                    QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_promPort)});
    QVERIFY(m_prometheus.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(httpGet(QUrl(QStringLiteral("http://127.0.0.1:%1/-/ready").arg(m_promPort)), 1000).status == 200, 20000);
}

void TestAgentPrometheus::cleanupTestCase()
{
    for (QProcess *p : {&m_prometheus, &m_agent}) {
        if (p->state() == QProcess::NotRunning)
            continue;
        p->terminate();
        if (!p->waitForFinished(10000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    if (QTest::currentTestFailed())
        qInfo().noquote() << "prometheus log:\n" << m_prometheus.readAll();
}

QJsonArray TestAgentPrometheus::query(const QString &promql)
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(m_promPort));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), promql);
    url.setQuery(q);
    const HttpAnswer a = httpGet(url, 5000);
    return QJsonDocument::fromJson(a.body).object().value(u"data").toObject().value(u"result").toArray();
}

void TestAgentPrometheus::prometheusScrapesBothTargets()
{
    QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("sum(broker_studio_up)")).size(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("sum(broker_studio_up)")).first().toObject().value(u"value").toArray().at(1).toString(),
                              QStringLiteral("2"), 20000);
    QCOMPARE(query(QStringLiteral("up{job=\"broker-studio\"}")).first().toObject().value(u"value").toArray().at(1).toString(), QStringLiteral("1"));
}

void TestAgentPrometheus::valuesMatchTheAgent()
{
    // The TDS target's values are constant: what Prometheus stored is what the agent serves.
    const MetricsText own = MetricsText::parse(httpGet(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_agentPort))).body);
    const std::optional<double> closed = own.value(QStringLiteral("broker_studio_endpoints_closed_unset_security_timestamp"),
                                                   {QStringLiteral("target=\"sales\""), QStringLiteral("local_service=\"//Orders/Target\"")});
    QVERIFY(closed);
    QTRY_VERIFY_WITH_TIMEOUT(!query(QStringLiteral("broker_studio_endpoints_closed_unset_security_timestamp{target=\"sales\"}")).isEmpty(), 20000);
    const QJsonArray stored = query(QStringLiteral("broker_studio_endpoints_closed_unset_security_timestamp{target=\"sales\",local_service=\"//Orders/Target\"}"));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().toObject().value(u"value").toArray().at(1).toString().toDouble(), *closed);
    const QJsonArray queues = query(QStringLiteral("count(broker_studio_queue_messages{target=\"sales\"})"));
    QCOMPARE(queues.first().toObject().value(u"value").toArray().at(1).toString().toDouble(),
             double(own.count(QStringLiteral("broker_studio_queue_messages"), {QStringLiteral("target=\"sales\"")})));
}

void TestAgentPrometheus::leakAlertsFireHealthyPairDoesNot()
{
    const QUrl alertsUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/alerts").arg(m_promPort));
    const auto alerts = [&] {
        return QJsonDocument::fromJson(httpGet(alertsUrl, 5000).body).object().value(u"data").toObject().value(u"alerts").toArray();
    };
    const auto firingLeaks = [&] {
        QStringList subjects;
        for (const QJsonValue &v : alerts()) {
            const QJsonObject a = v.toObject();
            const QJsonObject labels = a.value(u"labels").toObject();
            if (a.value(u"state").toString() == QLatin1String("firing") && labels.value(u"alertname").toString() == QLatin1String("BrokerStudioEndpointLeak"))
                subjects.append(labels.value(u"subject").toString());
        }
        return subjects;
    };
    QTRY_VERIFY_WITH_TIMEOUT(firingLeaks().size() >= 2, 40000);
    const QStringList subjects = firingLeaks();
    QVERIFY2(subjects.filter(QStringLiteral("//BrokerStudio/Naive/")).size() == 1, qPrintable(subjects.join(u',')));
    QVERIFY2(subjects.filter(QStringLiteral("//BrokerStudio/Audit/")).size() == 1, qPrintable(subjects.join(u',')));
    // The annotations carry the rule's words and the runbook.
    for (const QJsonValue &v : alerts()) {
        const QJsonObject a = v.toObject();
        const QJsonObject labels = a.value(u"labels").toObject();
        QVERIFY2(!labels.value(u"subject").toString().contains(QStringLiteral("//BrokerStudio/Orders/")), qPrintable(labels.value(u"subject").toString()));
        if (labels.value(u"alertname").toString() == QLatin1String("BrokerStudioEndpointLeak")) {
            const QJsonObject ann = a.value(u"annotations").toObject();
            QVERIFY(ann.value(u"summary").toString().startsWith(QStringLiteral("Endpoint leak: //BrokerStudio/")));
            QVERIFY(ann.value(u"runbook_url").toString().endsWith(QStringLiteral("#rule-endpoint-leak")));
        }
    }
}

QTEST_GUILESS_MAIN(TestAgentPrometheus)
#include "tst_agentprometheus.moc"

#include "agent/agent.h"
#include "agent/agentmetrics.h"
#include "agent/agenttarget.h"
#include "agenttestfleet.h"
#include "data/monitor/samplerthreads.h"
#include "httpfetch.h"
#include "metricstext.h"

#include <QSet>

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace bs;
using namespace bs::test;

/// The agent in-process on a QCoreApplication: the demo and TDS-test-server targets, one per
/// fault (login refused, silent server, connection dropped mid-sample, world-readable password
/// file). Each fault is a clear error on its own target; the others stay up. /metrics is valid
/// text exposition with HELP and TYPE for each family, a down target's sample series are absent,
/// and no password shows anywhere.
class TestAgentServe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void healthyTargetsAreUp();
    void everyFamilyIsDeclared();
    void openMetricsWhenAskedFor();
    void slowTargetsMoveToTheSlowLane();
    void faultsAreClearErrors_data();
    void faultsAreClearErrors();
    void downTargetHasNoSampleSeries();
    void demoLeakAlertsExported();
    void statusPageAndHealth();
    void noPasswordAnywhere();
    void promtoolAcceptsTheScrape();

private:
    MetricsText scrape();
    QUrl url(const QString &path) const;
    const AgentTarget *target(const QString &name) const;

    AgentTestFleet m_fleet;
    std::unique_ptr<Agent> m_agent;
    QStringList m_log;
};

void TestAgentServe::initTestCase()
{
    QVERIFY(m_fleet.isValid());
    QString error;
    QVERIFY2(m_fleet.addServer(QStringLiteral("sales"), AgentTestFleet::Fault::None, &error), qPrintable(error));
    QVERIFY2(m_fleet.addServer(QStringLiteral("login-refused"), AgentTestFleet::Fault::RefuseLogin, &error), qPrintable(error));
    QVERIFY2(m_fleet.addServer(QStringLiteral("silent"), AgentTestFleet::Fault::Silent, &error), qPrintable(error));
    QVERIFY2(m_fleet.addServer(QStringLiteral("drops"), AgentTestFleet::Fault::DropMidSample, &error), qPrintable(error));
    QVERIFY2(m_fleet.addServer(QStringLiteral("open-password-file"), AgentTestFleet::Fault::WorldReadablePassword, &error), qPrintable(error));
    m_fleet.addDemo(QStringLiteral("demo"), 1000, 100); // 100 simulated seconds: 0.1 s of wall time
    // One shared sampler thread for the four servers: the bounded pool at its tightest.
    const auto config = AgentConfig::load(
        m_fleet.write(QStringLiteral(R"({"listen": "127.0.0.1:0", "samplerThreads": 1, "slowSamplerThreads": 1})")), &error);
    QVERIFY2(config, qPrintable(error));
    m_agent = std::make_unique<Agent>(*config);
    connect(m_agent.get(), &Agent::message, this, [this](const QString &line) { m_log.append(line); });
    QVERIFY2(m_agent->start(&error), qPrintable(error));
    QVERIFY(m_agent->port() > 0);
    // The healthy server and the demo come up while the faulty ones fail on their own.
    QTRY_VERIFY_WITH_TIMEOUT(target(QStringLiteral("sales"))->state().samples >= 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(target(QStringLiteral("drops"))->state().failures >= 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(target(QStringLiteral("silent"))->state().failures >= 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(target(QStringLiteral("login-refused"))->state().failures >= 1, 20000);
}

void TestAgentServe::cleanupTestCase()
{
    m_agent.reset();
}

const AgentTarget *TestAgentServe::target(const QString &name) const
{
    for (const AgentTarget *t : m_agent->targets()) {
        if (t->name() == name)
            return t;
    }
    return nullptr;
}

QUrl TestAgentServe::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_agent->port()).arg(path));
}

MetricsText TestAgentServe::scrape()
{
    const HttpAnswer a = httpGet(url(QStringLiteral("/metrics")));
    if (a.status != 200)
        return {};
    return MetricsText::parse(a.body);
}

void TestAgentServe::healthyTargetsAreUp()
{
    const MetricsText m = scrape();
    QCOMPARE(m.value(QStringLiteral("broker_studio_up"), {QStringLiteral("target=\"sales\"")}), 1.0);
    QCOMPARE(m.value(QStringLiteral("broker_studio_up"), {QStringLiteral("target=\"demo\"")}), 1.0);
    QCOMPARE(m.value(QStringLiteral("broker_studio_agent_targets")), 6.0);
    // The fixture's CLOSED target endpoints (1,200, security timestamp unset) reach the metric.
    QCOMPARE(m.value(QStringLiteral("broker_studio_endpoints_closed_unset_security_timestamp"),
                     {QStringLiteral("target=\"sales\""), QStringLiteral("local_service=\"//Orders/Target\"")}),
             1200.0);
    QVERIFY(m.value(QStringLiteral("broker_studio_sample_duration_seconds"), {QStringLiteral("target=\"sales\"")}).has_value());
}

void TestAgentServe::everyFamilyIsDeclared()
{
    const HttpAnswer a = httpGet(url(QStringLiteral("/metrics")));
    QCOMPARE(a.status, 200);
    QVERIFY2(a.contentType.startsWith("text/plain; version=0.0.4"), a.contentType.constData());
    const MetricsText m = MetricsText::parse(a.body);
    QVERIFY(m.series.size() > 50);
    for (const auto &[series, value] : m.series) {
        const QString family = MetricsText::familyOf(series);
        QVERIFY2(m.help.contains(family) && m.type.contains(family), qPrintable(family));
        const MetricDefinition *d = AgentMetrics::definition(family);
        QVERIFY2(d, qPrintable(family));
        QCOMPARE(m.type.value(family), d->type == prometheus::MetricType::Counter ? QStringLiteral("counter") : QStringLiteral("gauge"));
        if (d->type == prometheus::MetricType::Counter)
            QVERIFY2(family.endsWith(QLatin1String("_total")), qPrintable(family));
    }
}

// Prometheus's own scrape header prefers OpenMetrics: the same series, with OpenMetrics' family
// names (counters without _total, info families) and the closing # EOF.
void TestAgentServe::openMetricsWhenAskedFor()
{
    const QByteArray prometheusAccept = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                                        "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    const HttpAnswer om = httpGet(url(QStringLiteral("/metrics")), 10000, prometheusAccept);
    QCOMPARE(om.status, 200);
    QVERIFY2(om.contentType.startsWith("application/openmetrics-text; version=1.0.0"), om.contentType.constData());
    QVERIFY(om.body.endsWith("# EOF\n"));
    QCOMPARE(om.body.count("# EOF"), 1);
    const MetricsText m = MetricsText::parse(om.body);
    QCOMPARE(m.type.value(QStringLiteral("broker_studio_samples")), QStringLiteral("counter"));
    QVERIFY(!m.type.contains(QStringLiteral("broker_studio_samples_total")));
    QVERIFY(m.value(QStringLiteral("broker_studio_samples_total"), {QStringLiteral("target=\"sales\"")}).value_or(0) >= 1);
    QCOMPARE(m.type.value(QStringLiteral("broker_studio_agent")), QStringLiteral("info"));
    QCOMPARE(m.value(QStringLiteral("broker_studio_agent_info")), 1.0);
    // Every series of the text format is there (values may have moved on between the two scrapes).
    const MetricsText text = MetricsText::parse(httpGet(url(QStringLiteral("/metrics"))).body);
    QSet<QString> omSeries;
    for (const auto &[series, value] : m.series)
        omSeries.insert(series);
    for (const auto &[series, value] : text.series)
        QVERIFY2(omSeries.contains(series), qPrintable(series));
    // A scraper that prefers the text format, or says nothing, gets it.
    QVERIFY(httpGet(url(QStringLiteral("/metrics")), 10000, "text/plain;version=0.0.4,application/openmetrics-text;q=0.5")
                .contentType.startsWith("text/plain; version=0.0.4"));
}

// The four servers start on one shared sampler thread. The silent one holds it for its login
// timeout (2 s + 1 s of ours) each round; after its first round and three more it samples on the
// slow lane; the healthy one keeps its interval beside the fast failures (refused login, dropped
// connection). SamplerLane's rule itself: tst_agentconfig.
void TestAgentServe::slowTargetsMoveToTheSlowLane()
{
    const SamplerThreads *threads = m_agent->samplerThreads();
    QVERIFY(threads);
    QCOMPARE(threads->threadsOf(SamplerThreads::Lane::Shared), 1);
    QTRY_VERIFY_WITH_TIMEOUT(target(QStringLiteral("silent"))->state().slowLane, 60000);
    QVERIFY(!target(QStringLiteral("sales"))->state().slowLane);
    QVERIFY(!target(QStringLiteral("login-refused"))->state().slowLane);
    QVERIFY(m_log.join(QLatin1Char('\n')).contains(QLatin1String("target silent: 3 rounds in a row over 2 s")));
    QVERIFY(m_agent->statusPage().contains("(slow lane)"));
    QCOMPARE(threads->startedThreads(), 2);
    // Every server but the one whose password file was refused samples on one of the two threads.
    QCOMPARE(threads->load(SamplerThreads::Lane::Shared) + threads->load(SamplerThreads::Lane::Slow), 4);
    QVERIFY(threads->load(SamplerThreads::Lane::Slow) >= 1);
    // At a 1 s interval, sales gives 3 samples in about 3 s while silent keeps timing out; behind
    // silent on one thread (3 s per round) it would need 9 s or more, so 8 s leaves room for a
    // loaded machine and still fails if sales waited behind it.
    const qint64 before = target(QStringLiteral("sales"))->state().samples;
    QTRY_VERIFY2_WITH_TIMEOUT(target(QStringLiteral("sales"))->state().samples - before >= 3,
                              qPrintable(QString::number(target(QStringLiteral("sales"))->state().samples - before)), 8000);
    QVERIFY(target(QStringLiteral("sales"))->isUp(QDateTime::currentDateTimeUtc()));
}

void TestAgentServe::faultsAreClearErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("part");
    QTest::addColumn<QStringList>("words"); // any of them
    QTest::newRow("login fails") << QStringLiteral("login-refused") << QStringLiteral("connection") << QStringList{QStringLiteral("Login failed")};
    QTest::newRow("times out") << QStringLiteral("silent") << QStringLiteral("connection")
                               << QStringList{QStringLiteral("timeout"), QStringLiteral("Timeout"), QStringLiteral("expired")};
    QTest::newRow("drops mid-sample") << QStringLiteral("drops") << QStringLiteral("connection")
                                      << QStringList{QStringLiteral("link"), QStringLiteral("connection"), QStringLiteral("Connection")};
    QTest::newRow("world-readable password file") << QStringLiteral("open-password-file") << QStringLiteral("credentials")
                                                  << QStringList{QStringLiteral("chmod 600")};
}

void TestAgentServe::faultsAreClearErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, part);
    QFETCH(QStringList, words);
    const AgentTarget *t = target(name);
    QVERIFY(t);
    QVERIFY(!t->isUp(QDateTime::currentDateTimeUtc()) || name == QLatin1String("drops"));
    const QString error = t->state().lastError;
    QVERIFY2(std::any_of(words.cbegin(), words.cend(), [&](const QString &w) { return error.contains(w); }), qPrintable(error));
    QVERIFY(t->state().partErrors.value(part) >= 1);
    const MetricsText m = scrape();
    QVERIFY(m.value(QStringLiteral("broker_studio_part_errors_total"), {QStringLiteral("target=\"%1\"").arg(name), QStringLiteral("part=\"%1\"").arg(part)}) >= 1.0);
    // The others are unaffected.
    QCOMPARE(m.value(QStringLiteral("broker_studio_up"), {QStringLiteral("target=\"sales\"")}), 1.0);
    QCOMPARE(m.value(QStringLiteral("broker_studio_up"), {QStringLiteral("target=\"demo\"")}), 1.0);
}

void TestAgentServe::downTargetHasNoSampleSeries()
{
    const MetricsText m = scrape();
    for (const QString &name : {QStringLiteral("login-refused"), QStringLiteral("silent"), QStringLiteral("open-password-file")}) {
        const QString label = QStringLiteral("target=\"%1\"").arg(name);
        QCOMPARE(m.value(QStringLiteral("broker_studio_up"), {label}), 0.0);
        QCOMPARE(m.count(QStringLiteral("broker_studio_endpoints"), {label}), 0);
        QCOMPARE(m.count(QStringLiteral("broker_studio_queue_messages"), {label}), 0);
        QCOMPARE(m.count(QStringLiteral("broker_studio_broker_enabled"), {label}), 0);
        QVERIFY(m.value(QStringLiteral("broker_studio_sample_failures_total"), {label}) >= 1.0);
    }
}

void TestAgentServe::demoLeakAlertsExported()
{
    // The demo's two leaking pairs raise leak alerts within the rule's window (12 samples at 1000×).
    QTRY_VERIFY_WITH_TIMEOUT(scrape().count(QStringLiteral("broker_studio_alert"),
                                            {QStringLiteral("target=\"demo\""), QStringLiteral("rule=\"endpoint-leak\"")}) >= 2,
                             30000);
    const MetricsText m = scrape();
    QCOMPARE(m.count(QStringLiteral("broker_studio_alert"), {QStringLiteral("subject=\"//BrokerStudio/Naive/Target")}), 1);
    // The healthy keep-firing pair has none.
    QCOMPARE(m.count(QStringLiteral("broker_studio_alert"), {QStringLiteral("//BrokerStudio/Orders/")}), 0);
}

void TestAgentServe::statusPageAndHealth()
{
    const HttpAnswer healthy = httpGet(url(QStringLiteral("/-/healthy")));
    QCOMPARE(healthy.status, 200);
    const HttpAnswer page = httpGet(url(QStringLiteral("/")));
    QCOMPARE(page.status, 200);
    QVERIFY(page.contentType.startsWith("text/html"));
    const QString html = QString::fromUtf8(page.body);
    for (const AgentTarget *t : m_agent->targets())
        QVERIFY2(html.contains(t->name()), qPrintable(t->name()));
    QVERIFY(html.contains(QStringLiteral("Login failed")));
    QVERIFY(html.contains(QStringLiteral("chmod 600")));
    QCOMPARE(httpGet(url(QStringLiteral("/nothing-here"))).status, 404);
}

void TestAgentServe::noPasswordAnywhere()
{
    const QByteArray secret = AgentTestFleet::password().toUtf8();
    QVERIFY(!httpGet(url(QStringLiteral("/metrics"))).body.contains(secret));
    QVERIFY(!httpGet(url(QStringLiteral("/"))).body.contains(secret));
    QVERIFY(!m_log.isEmpty());
    QVERIFY(!m_log.join(QLatin1Char('\n')).toUtf8().contains(secret));
}

void TestAgentServe::promtoolAcceptsTheScrape()
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus; CI installs it)");
    QProcess p;
    p.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(p.waitForStarted());
    p.write(httpGet(url(QStringLiteral("/metrics"))).body);
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, QByteArray(p.readAllStandardOutput() + p.readAllStandardError()).constData());
}

QTEST_GUILESS_MAIN(TestAgentServe)
#include "tst_agentserve.moc"

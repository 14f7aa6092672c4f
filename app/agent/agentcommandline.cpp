#include "agent/agentcommandline.h"

#include "agent/agent.h"
#include "agent/credentialresolver.h"
#include "agent/grafanadashboard.h"
#include "agent/prometheusrules.h"
#include "agent/sqlexportercollector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace bs {

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int failWith(const QString &text)
{
    err() << "broker-studio-agent: " << text << Qt::endl;
    return 1;
}

} // namespace

int AgentCommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Broker Studio agent: monitors the Service Broker of the databases in a fleet file and serves the "
        "samples as Prometheus metrics on /metrics (plus /-/healthy and a status page on /)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Fleet file (JSON, see docs/fleet.md)."), QStringLiteral("file"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Serve the built-in demo simulation instead of a fleet file."));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Demo: simulated seconds per second (1-1000, default 10)."), QStringLiteral("x"), QStringLiteral("10"));
    const QCommandLineOption interval(QStringLiteral("interval-ms"), QStringLiteral("Demo: sampling interval in simulated ms (default 10000: one sample a second at the default speed)."), QStringLiteral("ms"), QStringLiteral("10000"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to serve on (default 127.0.0.1:9599; port 0 = any free port)."), QStringLiteral("host:port"));
    const QCommandLineOption check(QStringLiteral("check-config"), QStringLiteral("Read the fleet file and the targets' credentials, report, and exit."));
    const QCommandLineOption rules(QStringLiteral("print-rules"), QStringLiteral("Print Prometheus alerting rules (YAML) generated from the alert rules."));
    const QCommandLineOption runbook(QStringLiteral("runbook-base"), QStringLiteral("Base URL of the docs for the rules' runbook links."), QStringLiteral("url"),
                                     PrometheusRules::defaultRunbookBase());
    const QCommandLineOption dashboard(QStringLiteral("print-dashboard"), QStringLiteral("Print the Grafana dashboard (JSON)."));
    const QCommandLineOption sqlExporter(QStringLiteral("print-sql-exporter"), QStringLiteral("Print a prometheus-sql-exporter configuration generated from sql/monitor."));
    parser.addOptions({config, demo, speed, interval, listen, check, rules, runbook, dashboard, sqlExporter});
    parser.process(arguments);

    QTextStream out(stdout);
    std::optional<AgentConfig> cfg;
    if (parser.isSet(config)) {
        QString error;
        cfg = AgentConfig::load(parser.value(config), &error);
        if (!cfg)
            return failWith(error);
    }
    if (parser.isSet(rules)) {
        QString error;
        const QString yaml = PrometheusRules::yaml(cfg ? cfg->thresholds : QMap<QString, double>{}, parser.value(runbook), &error);
        if (yaml.isEmpty())
            return failWith(error);
        out << yaml;
        return 0;
    }
    if (parser.isSet(dashboard)) {
        out << GrafanaDashboard::json();
        return 0;
    }
    if (parser.isSet(sqlExporter)) {
        out << SqlExporterCollector::yaml();
        return 0;
    }
    if (parser.isSet(demo)) {
        if (cfg)
            return failWith(QStringLiteral("give either --config or --demo"));
        bool okSpeed = false;
        bool okInterval = false;
        const double s = parser.value(speed).toDouble(&okSpeed);
        const int ms = parser.value(interval).toInt(&okInterval);
        if (!okSpeed || s < 1 || s > 1000 || !okInterval || ms < 50 || ms > 600000)
            return failWith(QStringLiteral("--speed must be 1 to 1000 and --interval-ms 50 to 600000"));
        cfg = AgentConfig::demo(s, ms);
    }
    if (!cfg)
        return failWith(QStringLiteral("give --config <fleet.json> or --demo (see --help)"));
    if (parser.isSet(listen)) {
        QString error;
        if (!AgentConfig::parseListen(parser.value(listen), &cfg->listenAddress, &cfg->listenPort, &error))
            return failWith(error);
    }
    if (parser.isSet(check)) {
        int bad = 0;
        for (const AgentTargetConfig &t : std::as_const(cfg->targets)) {
            if (t.credential.kind == CredentialSpec::Kind::Keychain) {
                out << t.name << ": password from the keychain (read when the agent starts)\n";
                continue;
            }
            const CredentialResolver::Result r = CredentialResolver::resolve(t.credential);
            out << t.name << ": " << (r.ok ? QStringLiteral("ok") : r.error) << '\n';
            bad += r.ok ? 0 : 1;
        }
        return bad == 0 ? 0 : 1;
    }

    Agent agent(*cfg);
    QObject::connect(&agent, &Agent::message, &agent, [](const QString &text) { err() << text << Qt::endl; });
    QString error;
    if (!agent.start(&error))
        return failWith(error);
    const QString host = cfg->listenAddress.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(cfg->listenAddress.toString())
        : cfg->listenAddress.toString();
    err() << "broker-studio-agent: listening on http://" << host << ':' << agent.port() << "/ (" << cfg->targets.size()
          << " targets)" << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace bs

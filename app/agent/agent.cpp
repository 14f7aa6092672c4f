#include "agent/agent.h"

#include "agent/agentrulecatalog.h"
#include "agent/agentmetrics.h"
#include "agent/agentstatuspage.h"
#include "agent/agenttarget.h"
#include "agent/openmetricswriter.h"
#include "data/monitor/samplerthreads.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace bs {

Agent::Agent(AgentConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

Agent::~Agent() = default;

QList<const AgentTarget *> Agent::targets() const
{
    QList<const AgentTarget *> out;
    out.reserve(qsizetype(m_targets.size()));
    for (const auto &t : m_targets)
        out.append(t.get());
    return out;
}

QByteArray Agent::metricsText(ExpositionFormat format) const
{
    AgentMetrics::Options options;
    options.maxPairs = m_config.maxPairsPerDatabase;
    options.maxQueues = m_config.maxQueuesPerDatabase;
    options.now = QDateTime::currentDateTimeUtc();
    return AgentMetrics::render(targets(), options, format);
}

QByteArray Agent::statusPage() const
{
    return AgentStatusPage::html(targets(), QDateTime::currentDateTimeUtc());
}

bool Agent::start(QString *error)
{
    AlertSettings alertSettings;
    if (!AgentRuleCatalog::settingsFrom(m_config.thresholds, &alertSettings, error))
        return false;
    m_http = std::make_unique<QHttpServer>();
    // Content negotiation: Prometheus asks for OpenMetrics first; curl and promtool get text 0.0.4.
    m_http->route(QStringLiteral("/metrics"), [this](const QHttpServerRequest &request) {
        const ExpositionFormat format = OpenMetricsWriter::negotiate(request.value(QByteArrayLiteral("Accept")));
        return QHttpServerResponse(AgentMetrics::contentType(format), metricsText(format));
    });
    m_http->route(QStringLiteral("/-/healthy"), [] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), QByteArrayLiteral("Broker Studio agent is healthy.\n"));
    });
    m_http->route(QStringLiteral("/"), [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/html; charset=utf-8"), statusPage());
    });
    m_port = m_http->listen(m_config.listenAddress, quint16(m_config.listenPort));
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen on %1:%2 (in use, or not an address of this machine)")
                     .arg(m_config.listenAddress.toString())
                     .arg(m_config.listenPort);
        m_http.reset();
        return false;
    }
    // A bounded pool of sampler threads for the servers (docs/fleet.md, "Threads").
    m_samplerThreads = std::make_unique<SamplerThreads>(m_config.samplerThreads, m_config.slowSamplerThreads);
    for (const AgentTargetConfig &tc : std::as_const(m_config.targets)) {
        auto target = std::make_unique<AgentTarget>(tc, alertSettings);
        target->setSamplerThreads(m_samplerThreads.get());
        connect(target.get(), &AgentTarget::message, this, &Agent::message);
        m_targets.push_back(std::move(target));
    }
    // Spread the targets' first rounds over their interval, so that a large fleet does not
    // connect to every server in the same second.
    const qsizetype n = qsizetype(m_targets.size());
    for (qsizetype i = 0; i < n; ++i) {
        AgentTarget *t = m_targets[size_t(i)].get();
        const int delay = n > 1 ? int(t->config().wallIntervalMs() * i / n) : 0;
        QTimer::singleShot(delay, t, &AgentTarget::start);
    }
    return true;
}

} // namespace bs

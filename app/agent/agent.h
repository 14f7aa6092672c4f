#pragma once

#include "agent/agentconfig.h"
#include "agent/openmetricswriter.h"

#include <QObject>

#include <memory>
#include <vector>

class QHttpServer;

namespace bs {

class AgentTarget;
class SamplerThreads;

/// The headless fleet agent: monitors the targets of an AgentConfig (each an AgentTarget with a
/// headless MonitorSession) and serves them over HTTP through Qt HTTP Server on the event loop of
/// the thread it lives on: `/metrics` (Prometheus text format 0.0.4, or OpenMetrics 1.0.0 when the
/// scraper asks for it), `/-/healthy` and `/` (status page).
/// Runs on a QCoreApplication; links no Qt Widgets.
class Agent : public QObject
{
    Q_OBJECT
public:
    explicit Agent(AgentConfig config, QObject *parent = nullptr);
    ~Agent() override;

    /// Starts every target and listens. Returns false with *error when the address cannot be bound
    /// or a threshold in the config is unknown; a target that cannot start is reported and stays down.
    bool start(QString *error);
    /// The port bound (useful with port 0).
    quint16 port() const { return m_port; }
    QList<const AgentTarget *> targets() const;
    const AgentConfig &config() const { return m_config; }
    /// The sampler threads of the servers (nullptr before start()).
    const SamplerThreads *samplerThreads() const { return m_samplerThreads.get(); }

    QByteArray metricsText(ExpositionFormat format = ExpositionFormat::PrometheusText) const;
    QByteArray statusPage() const;

Q_SIGNALS:
    /// A line for the log (target state changes); never a password.
    void message(const QString &text);

private:
    AgentConfig m_config;
    // Before the targets: destroyed after them (their samplers are stopped first).
    std::unique_ptr<SamplerThreads> m_samplerThreads;
    std::vector<std::unique_ptr<AgentTarget>> m_targets;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
};

} // namespace bs

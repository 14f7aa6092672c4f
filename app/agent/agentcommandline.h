#pragma once

#include <QStringList>

namespace bs {

/// The agent's command line (`broker-studio-agent`, and `broker-studio agent`, which forwards
/// here): serve a fleet file or the demo, check a fleet file, or print the generated Prometheus
/// rules, Grafana dashboard or sql_exporter configuration. Needs a QCoreApplication.
class AgentCommandLine
{
public:
    /// Runs the command; returns the process exit code (serving returns when the event loop ends).
    static int run(const QStringList &arguments);
};

} // namespace bs

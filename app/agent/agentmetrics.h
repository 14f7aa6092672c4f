#pragma once

#include "agent/openmetricswriter.h"

#include <prometheus/metric_family.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace bs {

class AgentTarget;

/// One metric the agent exports: the single place that names it, says what it means (HELP) and
/// which labels it has. The dashboard and rule generators and their tests read this table, so
/// nothing can refer to a metric that does not exist.
struct MetricDefinition
{
    QString name;
    prometheus::MetricType type = prometheus::MetricType::Gauge;
    QString help;
    QStringList labels;
};

/// Builds the agent's /metrics from its targets' latest state, in the Prometheus text exposition
/// format 0.0.4 through prometheus-cpp's TextSerializer (escaping, HELP and TYPE lines), or as
/// OpenMetrics 1.0.0 (OpenMetricsWriter) when the scraper asks for it. Label
/// values are bounded through LabelFolding. A target that is down exports only its own health
/// (up 0, failures, last success); its sample series are absent, never zero.
class AgentMetrics
{
public:
    struct Options
    {
        qsizetype maxPairs = 50;
        qsizetype maxQueues = 50;
        QDateTime now; ///< UTC; decides whether a target is overdue
    };

    static const QList<MetricDefinition> &definitions();
    static const MetricDefinition *definition(const QString &name);
    /// The metric families of every target (one family per definition that has samples).
    static std::vector<prometheus::MetricFamily> collect(const QList<const AgentTarget *> &targets, const Options &options);
    static QByteArray render(const QList<const AgentTarget *> &targets, const Options &options,
                             ExpositionFormat format = ExpositionFormat::PrometheusText);
    static QByteArray contentType(ExpositionFormat format = ExpositionFormat::PrometheusText);
};

} // namespace bs

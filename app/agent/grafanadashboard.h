#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bs {

/// The Grafana dashboard for the agent's metrics (resources/grafana/broker-studio-fleet.json):
/// a fleet overview (targets up, population, leaks and alerts per target, each linking to the
/// drill-down) and a database drill-down for the chosen target (population by state over time,
/// leak indicators, queues, transmission queue, alerts, sampling health). Generated from a table
/// of panels whose queries may only use metrics of AgentMetrics::definitions() (tested).
class GrafanaDashboard
{
public:
    struct Panel
    {
        QString title;
        QString type;        ///< "timeseries", "stat", "table", "bargauge"
        QStringList exprs;   ///< PromQL
        QStringList legends; ///< one per expr
        QString unit;        ///< Grafana unit ("short", "s", "dateTimeAsIso")
        QString description;
        int width = 12;
        int height = 8;
        bool stacked = false;
        bool instant = false;
        bool drillDownLink = false; ///< a data link to the drill-down for the series' target
    };
    struct Row
    {
        QString title;
        QList<Panel> panels;
    };
    static QString uid();
    static const QList<Row> &rows();
    /// Every metric name the panels' queries use.
    static QStringList metricNames();
    static QByteArray json();
};

} // namespace bs

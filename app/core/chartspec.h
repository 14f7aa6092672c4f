#pragma once

#include "core/monitorsample.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace bs {

/// One line of a monitor chart as the table of charts describes it: which series, its legend
/// text, tooltip and colour. Colours are 0xRRGGBB (core has no QColor).
struct ChartLineSpec
{
    /// Markers: no line, a dot at each point (the census points on the Total line); the chart
    /// leaves them out where they would touch each other (every sample a census at that zoom).
    enum class Style { Solid, Dash, Dot, Markers };
    QString key;          ///< SeriesKey text of the series drawn (and read out on hover)
    QString label;        ///< legend text
    QString readoutLabel; ///< text in the hover read-out (the legend text when empty)
    QString toolTip;      ///< explains the Service Broker term
    quint32 rgb = 0x808080;
    Style style = Style::Solid;
    /// Drawn from the running total of the endpoint states up to this one (stacked areas),
    /// filled down to zero; the read-out still shows the state's own count.
    bool stackedTotal = false;
    bool operator==(const ChartLineSpec &) const = default;
};

/// What a chart's lines depend on besides the table: the series there are and the view's choices.
struct ChartContext
{
    QStringList seriesKeys; ///< every key of the MonitorSeries, sorted
    bool byFarService = false;
    bool stacked = false;
    /// Local services seen per far service: far-service lines are labelled "local → far".
    QHash<QString, QStringList> localsByFar;
};

/// The table of the monitor's charts: one entry per chart (id, title, share of the height and a
/// function from the context to its lines). MonitorPage makes one TimeChartWidget per entry, in
/// this order; a new chart is one entry here and one row in tests/series/tst_chartspec.cpp.
struct ChartSpec
{
    QString id;    ///< stable name ("population", "queues", "readers")
    QString title; ///< shown above the chart
    int stretch = 1;
    std::function<QList<ChartLineSpec>(const ChartContext &)> lines;

    /// The monitor's charts, top to bottom.
    static const QList<ChartSpec> &all();
    /// The entry with `id`, or nullptr.
    static const ChartSpec *find(const QString &id);

    /// "SO = STARTED_OUTBOUND: …" for the legend and the Endpoints table.
    static QString stateToolTip(EndpointState state);
    static quint32 stateColor(EndpointState state);
    /// The i-th colour of the lines that have no colour of their own (queues, far services).
    static quint32 paletteColor(qsizetype i);
    /// Legend text per far-service key (among `seriesKeys`): "local → far", with the leading path
    /// all names share ("//BrokerStudio/") left out.
    static QHash<QString, QString> farServiceLabels(const QStringList &seriesKeys,
                                                    const QHash<QString, QStringList> &localsByFar);
};

} // namespace bs

#pragma once

#include "core/series/downsampler.h"

#include <QColor>
#include <QList>
#include <QString>

namespace bs {

/// One line of a TimeChartWidget, already reduced to what the chart's pixel width can show
/// (Downsampler::minMax). A NaN value in `points` is a gap: the line breaks there.
struct ChartLine
{
    QString key;     ///< MonitorSeries key, stable across redraws
    QString label;   ///< legend text
    QString toolTip; ///< legend tooltip (explains the Service Broker term)
    QColor color;
    /// Qt::NoPen: no line but a dot at each point (markers, such as the census points), left
    /// out where they would touch (PlotLayer::showsMarkers).
    Qt::PenStyle style = Qt::SolidLine;
    /// Filled down to zero (stacked area mode draws the running totals, largest first).
    bool filled = false;
    QList<SeriesPoint> points;
};

} // namespace bs

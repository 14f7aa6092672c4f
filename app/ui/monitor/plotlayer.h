#pragma once

#include "ui/monitor/chartline.h"

#include <QGraphicsItem>
#include <QHash>

namespace bs {

/// Draws the lines of a TimeChartWidget inside the chart's plot area: one polyline (or filled
/// polygon for stacked areas) per gap-free run, mapped straight from time and value to pixels.
/// Qt Charts' own series rebuild their geometry and a hover shape for every point on each
/// update (about 45 ms for 7 lines of 3,840 points); drawing the already downsampled points
/// here keeps a whole frame within budget (docs/performance.md, bench_chart).
class PlotLayer : public QGraphicsItem
{
public:
    explicit PlotLayer(QGraphicsItem *parent = nullptr);

    void setPlotArea(const QRectF &area);
    void setRanges(qint64 fromMs, qint64 toMs, double valueMax);
    void setLines(const QList<ChartLine> &lines, const QHash<QString, bool> &hidden);

    /// Whether a markers line (style Qt::NoPen) among `lines` gets its dots in a plot `plotWidth`
    /// pixels wide: not when they would touch one another (more than one per MarkerSpacing
    /// pixels), where they would only thicken the line they sit on, and not when they mark every
    /// point of the densest drawn line (every sample a census: nothing to tell apart).
    static bool showsMarkers(const ChartLine &line, const QList<ChartLine> &lines, double plotWidth);
    static constexpr double MarkerSpacing = 6;
    static constexpr double MarkerRadius = 2.5;

    /// Dense data is drawn without antialiasing as a 2-pixel line (two 1-pixel passes a pixel
    /// apart). The pixels it covers, one rectangle per pixel column (the rows the polyline
    /// crosses in the column, 2 pixels wide, one row taller), appended to `spans`: what a dense
    /// solid line is filled with, because stroking a steep segment costs one span per row,
    /// filling it one rectangle.
    static void columnSpans(const QPolygonF &polyline, QList<QRect> &spans);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_area;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 1;
    double m_valueMax = 1;
    QList<ChartLine> m_lines;
    QHash<QString, bool> m_hidden;
    QPolygonF m_buffer;
    QList<QRect> m_spans;
};

} // namespace bs

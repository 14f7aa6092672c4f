#include "ui/monitor/plotlayer.h"

#include <QPainter>

#include <algorithm>

namespace bs {

PlotLayer::PlotLayer(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setFlag(ItemClipsToShape);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void PlotLayer::setPlotArea(const QRectF &area)
{
    if (area == m_area)
        return;
    prepareGeometryChange();
    m_area = area;
}

void PlotLayer::setRanges(qint64 fromMs, qint64 toMs, double valueMax)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    m_valueMax = valueMax > 0 ? valueMax : 1;
    update();
}

void PlotLayer::setLines(const QList<ChartLine> &lines, const QHash<QString, bool> &hidden)
{
    m_lines = lines;
    m_hidden = hidden;
    update();
}

bool PlotLayer::showsMarkers(const ChartLine &line, const QList<ChartLine> &lines, double plotWidth)
{
    const auto pointsOf = [](const ChartLine &l) {
        return std::count_if(l.points.cbegin(), l.points.cend(), [](const SeriesPoint &p) { return !p.isGap(); });
    };
    qsizetype densest = 0;
    for (const ChartLine &other : lines) {
        if (other.style != Qt::NoPen)
            densest = std::max<qsizetype>(densest, pointsOf(other));
    }
    const qsizetype marks = pointsOf(line);
    return marks > 0 && marks < densest && double(marks) * MarkerSpacing <= plotWidth;
}

QRectF PlotLayer::boundingRect() const
{
    return m_area;
}

void PlotLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_area.isEmpty())
        return;
    painter->save();
    painter->setClipRect(m_area);
    const double sx = m_area.width() / double(m_toMs - m_fromMs);
    const double sy = m_area.height() / m_valueMax;
    const double left = m_area.left();
    const double bottom = m_area.bottom();
    // Min/max data holds up to several points per pixel column: antialiasing such dense lines
    // costs several times the drawing and shows nothing more, so it is kept for sparse data.
    qsizetype densest = 0;
    for (const ChartLine &line : std::as_const(m_lines))
        densest = std::max(densest, line.points.size());
    const bool dense = densest > qsizetype(m_area.width());
    painter->setRenderHint(QPainter::Antialiasing, !dense);

    const auto toPixel = [&](const SeriesPoint &p) {
        return QPointF(left + double(p.timeMs - m_fromMs) * sx, bottom - p.value * sy);
    };
    for (const ChartLine &line : std::as_const(m_lines)) {
        if (m_hidden.value(line.key))
            continue;
        if (line.style == Qt::NoPen) {
            // Markers: a ring on the line they mark, so the line stays visible through it.
            if (!showsMarkers(line, m_lines, m_area.width()))
                continue;
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->setPen(QPen(line.color, 1.5));
            painter->setBrush(Qt::white);
            for (const SeriesPoint &p : line.points) {
                if (!p.isGap())
                    painter->drawEllipse(toPixel(p), MarkerRadius, MarkerRadius);
            }
            painter->setRenderHint(QPainter::Antialiasing, !dense);
            continue;
        }
        QColor fill = line.color;
        fill.setAlpha(235);
        const QPen pen = line.filled ? QPen(line.color.darker(115), 1) : QPen(line.color, 2, line.style);
        // A 2-pixel pen goes through QPainter's stroker (about 5 ms per 4,000-point line); for
        // dense data two 1-pixel passes a pixel apart look the same and cost a fifth.
        const QPen thin(line.color, 0, line.style);
        const auto stroke = [&](const QPolygonF &polyline) {
            if (!dense || line.filled) {
                painter->setPen(pen);
                painter->drawPolyline(polyline);
                return;
            }
            painter->setPen(thin);
            painter->drawPolyline(polyline);
            painter->translate(1, 1);
            painter->drawPolyline(polyline);
            painter->translate(-1, -1);
        };
        const auto flush = [&] {
            if (m_buffer.isEmpty())
                return;
            if (m_buffer.size() == 1) {
                // A lone sample between two gaps has no line to draw: show it as a dot.
                painter->setPen(Qt::NoPen);
                painter->setBrush(line.color);
                painter->drawEllipse(m_buffer.first(), 2.5, 2.5);
            } else if (line.filled) {
                const double x0 = m_buffer.first().x();
                const double x1 = m_buffer.last().x();
                m_buffer.append(QPointF(x1, bottom));
                m_buffer.append(QPointF(x0, bottom));
                painter->setPen(Qt::NoPen);
                painter->setBrush(fill);
                painter->drawPolygon(m_buffer);
                m_buffer.resize(m_buffer.size() - 2);
                stroke(m_buffer);
            } else {
                stroke(m_buffer);
            }
            m_buffer.clear();
        };
        m_buffer.clear();
        m_buffer.reserve(line.points.size() + 2);
        for (const SeriesPoint &p : line.points) {
            if (p.isGap()) {
                flush();
                continue;
            }
            m_buffer.append(toPixel(p));
        }
        flush();
    }
    painter->restore();
}

} // namespace bs

#include "ui/monitor/plotlayer.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace bs {

namespace {
constexpr double LoneDotRadius = 2.5;
// Qt's dash for a 1-pixel pen is 4 pixels on: a shorter run shows no gap of its pattern.
constexpr double ShortRun = 4;

double runLength(const QPolygonF &polyline)
{
    double length = 0;
    for (qsizetype i = 0; i + 1 < polyline.size() && length < ShortRun; ++i)
        length += QLineF(polyline[i], polyline[i + 1]).length();
    return length;
}

/// The dots of lone samples of one colour as drawn without antialiasing, stamped instead of
/// filled one ellipse at a time: one image per quarter-pixel position of the centre (the
/// rasterised disc changes with it), drawn when first needed.
class LoneDots
{
public:
    explicit LoneDots(const QColor &color)
        : m_color(color)
    {
    }
    void draw(QPainter *painter, const QPointF &centre)
    {
        const double fx = std::floor(centre.x());
        const double fy = std::floor(centre.y());
        const int px = std::clamp(int((centre.x() - fx) * Phases), 0, Phases - 1);
        const int py = std::clamp(int((centre.y() - fy) * Phases), 0, Phases - 1);
        QImage &image = m_images[size_t(py * Phases + px)];
        if (image.isNull()) {
            image = QImage(Size, Size, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter p(&image);
            p.setPen(Qt::NoPen);
            p.setBrush(m_color);
            p.drawEllipse(QPointF(Size / 2 + double(px) / Phases, Size / 2 + double(py) / Phases), LoneDotRadius, LoneDotRadius);
        }
        painter->drawImage(QPoint(int(fx) - Size / 2, int(fy) - Size / 2), image);
    }

private:
    static constexpr int Phases = 4;
    static constexpr int Size = 8;
    QColor m_color;
    std::array<QImage, Phases * Phases> m_images;
};
} // namespace

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

void PlotLayer::columnSpans(const QPolygonF &polyline, QList<QRect> &spans)
{
    if (polyline.isEmpty())
        return;
    bool open = false;
    int column = 0;
    double lo = 0;
    double hi = 0;
    const auto flush = [&] {
        if (!open)
            return;
        const int top = int(std::floor(lo));
        spans.append(QRect(column, top, 2, int(std::floor(hi)) - top + 2));
    };
    const auto add = [&](int c, double y0, double y1) {
        if (!open || c != column) {
            flush();
            open = true;
            column = c;
            lo = std::min(y0, y1);
            hi = std::max(y0, y1);
            return;
        }
        lo = std::min({lo, y0, y1});
        hi = std::max({hi, y0, y1});
    };
    if (polyline.size() == 1)
        add(int(std::floor(polyline.first().x())), polyline.first().y(), polyline.first().y());
    for (qsizetype i = 0; i + 1 < polyline.size(); ++i) {
        QPointF a = polyline[i];
        QPointF b = polyline[i + 1];
        if (b.x() < a.x())
            std::swap(a, b);
        const int c0 = int(std::floor(a.x()));
        const int c1 = int(std::floor(b.x()));
        if (c0 == c1) {
            add(c0, a.y(), b.y());
            continue;
        }
        // Across columns: the part of the segment inside each column.
        const double slope = (b.y() - a.y()) / (b.x() - a.x());
        for (int c = c0; c <= c1; ++c) {
            const double xs = std::max(a.x(), double(c));
            const double xe = std::min(b.x(), double(c + 1));
            add(c, a.y() + (xs - a.x()) * slope, a.y() + (xe - a.x()) * slope);
        }
    }
    flush();
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
    // Filling pixel spans and stamping dot images only pays on pixels: an SVG or PDF keeps
    // polylines and ellipses.
    const bool pixels = dense && painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;

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
            // Dense and solid, or a dashed run shorter than its first dash: the same pixels,
            // filled column by column (columnSpans), a tenth of the cost.
            if (pixels && (line.style == Qt::SolidLine || runLength(polyline) < ShortRun)) {
                columnSpans(polyline, m_spans); // filled at the end of the line, in one call
                return;
            }
            painter->setPen(thin);
            painter->drawPolyline(polyline);
            painter->translate(1, 1);
            painter->drawPolyline(polyline);
            painter->translate(-1, -1);
        };
        std::optional<LoneDots> dots; // on pixels, when dense
        const auto flush = [&] {
            if (m_buffer.isEmpty())
                return;
            if (m_buffer.size() == 1) {
                // A lone sample between two gaps has no line to draw: show it as a dot. Dense
                // data (the breakdown lines between censuses over a week: thousands of them)
                // stamps drawn dots (LoneDots): an ellipse each cost about 1 µs.
                if (!pixels) {
                    painter->setPen(Qt::NoPen);
                    painter->setBrush(line.color);
                    painter->drawEllipse(m_buffer.first(), LoneDotRadius, LoneDotRadius);
                } else {
                    if (!dots)
                        dots.emplace(line.color);
                    dots->draw(painter, m_buffer.first());
                }
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
        m_spans.clear();
        for (const SeriesPoint &p : line.points) {
            if (p.isGap()) {
                flush();
                continue;
            }
            m_buffer.append(toPixel(p));
        }
        flush();
        if (!m_spans.isEmpty()) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(line.color);
            painter->drawRects(m_spans.constData(), int(m_spans.size()));
        }
    }
    painter->restore();
}

} // namespace bs

#include "ui/graph/graphstyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <QtMath>

#include <array>

namespace bs {

namespace {

constexpr qreal CylinderLid = 6;   // height of half the cylinder's lid ellipse
constexpr qreal NoteFold = 9;      // the contract's folded corner
constexpr qreal LegendRow = 20;
constexpr qreal LegendWidth = 250;
constexpr qreal LegendSwatch = 34;

constexpr std::array AllKinds = {GraphNodeKind::Route,    GraphNodeKind::RemoteService,
                                 GraphNodeKind::Service,  GraphNodeKind::Queue,
                                 GraphNodeKind::Contract, GraphNodeKind::ActivationProcedure,
                                 GraphNodeKind::MessageType};
constexpr std::array AllEdges = {GraphEdgeKind::RoutesTo, GraphEdgeKind::OnQueue, GraphEdgeKind::Accepts,
                                 GraphEdgeKind::Message, GraphEdgeKind::Activates, GraphEdgeKind::Conversation};

QFont pixelFont(int pixels, QFont::Weight weight)
{
    // Pixel sizes keep text the same size on screen, in PNG and in SVG, whatever the DPI.
    QFont f;
    f.setPixelSize(pixels);
    f.setWeight(weight);
    return f;
}

qreal cdsNotch(const QSizeF &size)
{
    return size.height() / 5.0;
}

} // namespace

QFont GraphStyle::nameFont()
{
    return pixelFont(13, QFont::DemiBold);
}

QFont GraphStyle::captionFont()
{
    return pixelFont(10, QFont::Normal);
}

QFont GraphStyle::edgeLabelFont()
{
    return pixelFont(10, QFont::Medium);
}

QColor GraphStyle::fillColor(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Service: return QColor(0xdb, 0xea, 0xfe);
    case GraphNodeKind::Queue: return QColor(0xdc, 0xfc, 0xe7);
    case GraphNodeKind::Contract: return QColor(0xfe, 0xf3, 0xc7);
    case GraphNodeKind::MessageType: return QColor(0xf3, 0xe8, 0xff);
    case GraphNodeKind::ActivationProcedure: return QColor(0xff, 0xed, 0xd5);
    case GraphNodeKind::Route: return QColor(0xcc, 0xfb, 0xf1);
    case GraphNodeKind::RemoteService: return QColor(0xf1, 0xf5, 0xf9);
    }
    return Qt::white;
}

QColor GraphStyle::strokeColor(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Service: return QColor(0x1d, 0x4e, 0xd8);
    case GraphNodeKind::Queue: return QColor(0x15, 0x80, 0x3d);
    case GraphNodeKind::Contract: return QColor(0xa1, 0x62, 0x07);
    case GraphNodeKind::MessageType: return QColor(0x7e, 0x22, 0xce);
    case GraphNodeKind::ActivationProcedure: return QColor(0xc2, 0x41, 0x0c);
    case GraphNodeKind::Route: return QColor(0x0f, 0x76, 0x6e);
    case GraphNodeKind::RemoteService: return QColor(0x47, 0x55, 0x69);
    }
    return Qt::black;
}

QColor GraphStyle::edgeColor(GraphEdgeKind kind)
{
    switch (kind) {
    case GraphEdgeKind::OnQueue: return QColor(0x16, 0x65, 0x34);
    case GraphEdgeKind::Accepts: return QColor(0x92, 0x40, 0x0e);
    case GraphEdgeKind::Message: return QColor(0x6b, 0x21, 0xa8);
    case GraphEdgeKind::Activates: return QColor(0xc2, 0x41, 0x0c);
    case GraphEdgeKind::RoutesTo: return QColor(0x0f, 0x76, 0x6e);
    case GraphEdgeKind::Conversation: return QColor(0x03, 0x69, 0xa1);
    }
    return Qt::darkGray;
}

QColor GraphStyle::healthColor(NodeHealth health)
{
    switch (health) {
    case NodeHealth::Normal: return QColor(0x33, 0x41, 0x55);
    case NodeHealth::Warning: return QColor(0xd9, 0x77, 0x06);
    case NodeHealth::Error: return QColor(0xdc, 0x26, 0x26);
    }
    return Qt::black;
}

QColor GraphStyle::selectionColor()
{
    return QColor(0x25, 0x63, 0xeb);
}

QString GraphStyle::kindTitle(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Service: return QStringLiteral("Service");
    case GraphNodeKind::Queue: return QStringLiteral("Queue");
    case GraphNodeKind::Contract: return QStringLiteral("Contract");
    case GraphNodeKind::MessageType: return QStringLiteral("Message type");
    case GraphNodeKind::ActivationProcedure: return QStringLiteral("Activation procedure");
    case GraphNodeKind::Route: return QStringLiteral("Route");
    case GraphNodeKind::RemoteService: return QStringLiteral("Remote service (via route)");
    }
    return {};
}

QString GraphStyle::edgeTitle(GraphEdgeKind kind)
{
    switch (kind) {
    case GraphEdgeKind::OnQueue: return QStringLiteral("service is on queue");
    case GraphEdgeKind::Accepts: return QStringLiteral("service accepts contract");
    case GraphEdgeKind::Message: return QStringLiteral("contract uses message type");
    case GraphEdgeKind::Activates: return QStringLiteral("queue activates (dashed: OFF)");
    case GraphEdgeKind::RoutesTo: return QStringLiteral("route to service");
    case GraphEdgeKind::Conversation: return QStringLiteral("conversations (endpoints now)");
    }
    return {};
}

GraphStyle::NodeText GraphStyle::measure(const GraphNode &node)
{
    const QFontMetricsF nameMetrics(nameFont());
    const QFontMetricsF captionMetrics(captionFont());
    NodeText t;
    t.name = nameMetrics.elidedText(node.name, Qt::ElideMiddle, MaxTextWidth);
    t.caption = captionMetrics.elidedText(node.caption, Qt::ElideRight, MaxTextWidth);
    const qreal textWidth = qMax(nameMetrics.horizontalAdvance(t.name), captionMetrics.horizontalAdvance(t.caption));
    const qreal cw = qCeil(IconSize + 7 + qMax<qreal>(textWidth, 60));
    const qreal ch = qCeil(captionMetrics.height() + 2 + nameMetrics.height());
    qreal w = cw + 2 * Padding;
    qreal h = ch + 2 * Padding;
    QPointF offset;
    switch (node.kind) {
    case GraphNodeKind::Service:
    case GraphNodeKind::MessageType:
        break;
    case GraphNodeKind::Queue:
        h += 3 * CylinderLid;
        offset.ry() += CylinderLid / 2;
        break;
    case GraphNodeKind::Contract:
        w += NoteFold;
        offset.rx() -= NoteFold / 2;
        break;
    case GraphNodeKind::ActivationProcedure: {
        // The slanted sides cut in by w*dy/(2h) at height dy: widen until the text clears them.
        h += 8;
        w = (cw + 8) / (1.0 - ch / (2.0 * h));
        break;
    }
    case GraphNodeKind::Route:
        w += h / 5.0;
        offset.rx() -= h / 10.0;
        break;
    case GraphNodeKind::RemoteService:
        w = (cw + 6) * M_SQRT2;
        h = ch * M_SQRT2 + 4;
        break;
    }
    t.size = QSizeF(qCeil(w), qCeil(h));
    t.content = QRectF(-cw / 2 + offset.x(), -ch / 2 + offset.y(), cw, ch);
    return t;
}

QSizeF GraphStyle::edgeLabelSize(const QString &label)
{
    if (label.isEmpty())
        return {};
    const QFontMetricsF m(edgeLabelFont());
    return QSizeF(qCeil(m.horizontalAdvance(label) + 8), qCeil(m.height() + 2));
}

QPainterPath GraphStyle::outline(GraphNodeKind kind, const QSizeF &size)
{
    const QRectF r(-size.width() / 2, -size.height() / 2, size.width(), size.height());
    QPainterPath path;
    switch (kind) {
    case GraphNodeKind::Service:
        path.addRoundedRect(r, 9, 9);
        break;
    case GraphNodeKind::MessageType:
        path.addRoundedRect(r, 3, 3);
        break;
    case GraphNodeKind::Queue:
        path.moveTo(r.left(), r.top() + CylinderLid);
        path.arcTo(QRectF(r.left(), r.top(), r.width(), 2 * CylinderLid), 180, -180);
        path.lineTo(r.right(), r.bottom() - CylinderLid);
        path.arcTo(QRectF(r.left(), r.bottom() - 2 * CylinderLid, r.width(), 2 * CylinderLid), 0, -180);
        path.closeSubpath();
        break;
    case GraphNodeKind::Contract:
        path.addPolygon(QPolygonF({r.topLeft(), QPointF(r.right() - NoteFold, r.top()),
                                   QPointF(r.right(), r.top() + NoteFold), r.bottomRight(), r.bottomLeft()}));
        path.closeSubpath();
        break;
    case GraphNodeKind::ActivationProcedure: {
        const qreal inset = r.width() / 4;
        path.addPolygon(QPolygonF({QPointF(r.left(), 0), QPointF(r.left() + inset, r.top()),
                                   QPointF(r.right() - inset, r.top()), QPointF(r.right(), 0),
                                   QPointF(r.right() - inset, r.bottom()), QPointF(r.left() + inset, r.bottom())}));
        path.closeSubpath();
        break;
    }
    case GraphNodeKind::Route: {
        const qreal notch = cdsNotch(size);
        path.addPolygon(QPolygonF({r.topLeft(), QPointF(r.right() - notch, r.top()), QPointF(r.right(), 0),
                                   QPointF(r.right() - notch, r.bottom()), r.bottomLeft()}));
        path.closeSubpath();
        break;
    }
    case GraphNodeKind::RemoteService:
        path.addEllipse(r);
        break;
    }
    return path;
}

void GraphStyle::paintShape(QPainter *painter, GraphNodeKind kind, const QSizeF &size)
{
    painter->drawPath(outline(kind, size));
    const QRectF r(-size.width() / 2, -size.height() / 2, size.width(), size.height());
    if (kind == GraphNodeKind::Queue) {
        QPainterPath lid;
        lid.moveTo(r.left(), r.top() + CylinderLid);
        lid.arcTo(QRectF(r.left(), r.top(), r.width(), 2 * CylinderLid), 180, 180);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(lid);
    } else if (kind == GraphNodeKind::Contract) {
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(QPolygonF({QPointF(r.right() - NoteFold, r.top()),
                                         QPointF(r.right() - NoteFold, r.top() + NoteFold),
                                         QPointF(r.right(), r.top() + NoteFold)}));
    }
}

void GraphStyle::paintIcon(QPainter *painter, GraphNodeKind kind, const QRectF &rect, const QColor &color)
{
    painter->save();
    painter->translate(rect.topLeft());
    painter->scale(rect.width() / 18.0, rect.height() / 18.0);
    QPen pen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    switch (kind) {
    case GraphNodeKind::Service: {
        // A hub with four spokes: the endpoint conversations attach to.
        painter->drawEllipse(QPointF(9, 9), 4, 4);
        painter->setBrush(color);
        painter->drawEllipse(QPointF(9, 9), 1.5, 1.5);
        painter->drawLine(QPointF(9, 1), QPointF(9, 4));
        painter->drawLine(QPointF(9, 14), QPointF(9, 17));
        painter->drawLine(QPointF(1, 9), QPointF(4, 9));
        painter->drawLine(QPointF(14, 9), QPointF(17, 9));
        break;
    }
    case GraphNodeKind::Queue:
        // Messages waiting in line.
        painter->setBrush(color);
        painter->drawRect(QRectF(1.5, 6, 3.5, 6));
        painter->drawRect(QRectF(7, 6, 3.5, 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(12.5, 6, 3.5, 6));
        break;
    case GraphNodeKind::Contract:
        painter->drawPolygon(QPolygonF({QPointF(3, 1.5), QPointF(12, 1.5), QPointF(15, 4.5), QPointF(15, 16.5), QPointF(3, 16.5)}));
        painter->drawLine(QPointF(6, 7), QPointF(12, 7));
        painter->drawLine(QPointF(6, 10), QPointF(12, 10));
        painter->drawLine(QPointF(6, 13), QPointF(10, 13));
        break;
    case GraphNodeKind::MessageType:
        painter->drawRect(QRectF(1.5, 4, 15, 10.5));
        painter->drawPolyline(QPolygonF({QPointF(1.5, 4), QPointF(9, 10), QPointF(16.5, 4)}));
        break;
    case GraphNodeKind::ActivationProcedure:
        // A lightning bolt: the broker starts this procedure.
        painter->setBrush(color);
        painter->drawPolygon(QPolygonF({QPointF(10.5, 1), QPointF(4, 10), QPointF(8.5, 10), QPointF(7, 17),
                                        QPointF(14, 7.5), QPointF(9.5, 7.5)}));
        break;
    case GraphNodeKind::Route:
        painter->drawLine(QPointF(2, 9), QPointF(15, 9));
        painter->drawPolyline(QPolygonF({QPointF(10, 4), QPointF(15.5, 9), QPointF(10, 14)}));
        painter->drawLine(QPointF(2, 5), QPointF(2, 13));
        break;
    case GraphNodeKind::RemoteService:
        // A globe: somewhere else.
        painter->drawEllipse(QPointF(9, 9), 7.5, 7.5);
        painter->drawEllipse(QPointF(9, 9), 3.2, 7.5);
        painter->drawLine(QPointF(1.5, 9), QPointF(16.5, 9));
        break;
    }
    painter->restore();
}

qreal GraphStyle::edgeWidth(GraphEdgeKind kind)
{
    return kind == GraphEdgeKind::Conversation ? 2.4 : 1.4;
}

void GraphStyle::paintFindingsBadge(QPainter *painter, const QPointF &center, int count, NodeHealth worst)
{
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QFont f = captionFont();
    f.setBold(true);
    f.setPixelSize(10);
    const qreal w = std::max(FindingsBadgeHeight, QFontMetricsF(f).horizontalAdvance(text) + 8);
    const QRectF r(center.x() - w / 2, center.y() - FindingsBadgeHeight / 2, w, FindingsBadgeHeight);
    painter->save();
    painter->setPen(QPen(Qt::white, 1.2));
    painter->setBrush(worst == NodeHealth::Error ? healthColor(NodeHealth::Error) : QColor(0x7c, 0x3a, 0xed));
    painter->drawRoundedRect(r, FindingsBadgeHeight / 2, FindingsBadgeHeight / 2);
    painter->setFont(f);
    painter->drawText(r, Qt::AlignCenter, text);
    painter->restore();
}

QSizeF GraphStyle::legendSize()
{
    const int rows = int(AllKinds.size() + AllEdges.size() + 4);
    return QSizeF(LegendWidth, 3 * LegendRow + rows * LegendRow + 8);
}

void GraphStyle::paintLegend(QPainter *painter, const QPointF &topLeft)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(topLeft);
    const QSizeF size = legendSize();
    painter->setPen(QPen(QColor(0xcb, 0xd5, 0xe1), 1));
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->drawRoundedRect(QRectF(QPointF(0.5, 0.5), size), 6, 6);

    QFont heading = captionFont();
    heading.setWeight(QFont::Bold);
    QFont text = captionFont();
    text.setPixelSize(11);
    const QColor ink(0x1e, 0x29, 0x3b);
    qreal y = 6;
    auto title = [&](const QString &t) {
        painter->setFont(heading);
        painter->setPen(QColor(0x64, 0x74, 0x8b));
        painter->drawText(QRectF(10, y, LegendWidth - 20, LegendRow), Qt::AlignLeft | Qt::AlignVCenter, t.toUpper());
        y += LegendRow;
    };
    auto label = [&](const QString &t) {
        painter->setFont(text);
        painter->setPen(ink);
        painter->drawText(QRectF(LegendSwatch + 22, y, LegendWidth - LegendSwatch - 28, LegendRow),
                          Qt::AlignLeft | Qt::AlignVCenter, t);
    };

    title(QStringLiteral("Objects"));
    for (GraphNodeKind kind : AllKinds) {
        painter->save();
        painter->translate(12 + LegendSwatch / 2, y + LegendRow / 2);
        painter->setPen(QPen(strokeColor(kind), 1.2, kind == GraphNodeKind::RemoteService ? Qt::DashLine : Qt::SolidLine));
        painter->setBrush(fillColor(kind));
        const QSizeF swatch(LegendSwatch, kind == GraphNodeKind::Queue ? 17 : 15);
        paintShape(painter, kind, swatch);
        paintIcon(painter, kind, QRectF(-5.5, -5.5, 11, 11), strokeColor(kind));
        painter->restore();
        label(kindTitle(kind));
        y += LegendRow;
    }
    title(QStringLiteral("Relations"));
    for (GraphEdgeKind kind : AllEdges) {
        const qreal mid = y + LegendRow / 2;
        const QColor c = edgeColor(kind);
        painter->setPen(QPen(c, edgeWidth(kind), kind == GraphEdgeKind::RoutesTo ? Qt::DashLine : Qt::SolidLine));
        painter->drawLine(QPointF(12, mid), QPointF(12 + LegendSwatch - 6, mid));
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPolygon(QPolygonF({QPointF(12 + LegendSwatch, mid), QPointF(12 + LegendSwatch - 7, mid - 3.5),
                                        QPointF(12 + LegendSwatch - 7, mid + 3.5)}));
        label(edgeTitle(kind));
        y += LegendRow;
    }
    title(QStringLiteral("Health"));
    for (NodeHealth health : {NodeHealth::Warning, NodeHealth::Error}) {
        painter->setPen(QPen(healthColor(health), 2.5));
        painter->setBrush(health == NodeHealth::Error ? QColor(0xfe, 0xe2, 0xe2) : QColor(0xff, 0xfb, 0xeb));
        painter->drawRoundedRect(QRectF(13, y + 3, LegendSwatch - 2, LegendRow - 6), 4, 4);
        label(health == NodeHealth::Warning ? QStringLiteral("warning (e.g. activation OFF)")
                                            : QStringLiteral("error (e.g. receive disabled)"));
        y += LegendRow;
    }
    {
        const qreal mid = y + LegendRow / 2;
        painter->setPen(QPen(healthColor(NodeHealth::Error), edgeWidth(GraphEdgeKind::Conversation)));
        painter->drawLine(QPointF(12, mid), QPointF(12 + LegendSwatch, mid));
        label(QStringLiteral("conversations that leak endpoints"));
        y += LegendRow;
    }
    paintFindingsBadge(painter, QPointF(12 + LegendSwatch / 2, y + LegendRow / 2), 3, NodeHealth::Warning);
    label(QStringLiteral("health-check findings (count)"));
    painter->restore();
}

} // namespace bs

#include "ui/graph/graphedgeitem.h"

#include "ui/graph/graphstyle.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace bs {

namespace {
constexpr qreal ArrowLength = 9;
constexpr qreal ArrowHalfWidth = 4;
constexpr qreal LabelLevelOfDetail = 0.5;

QPolygonF arrowHead(const QPointF &base, const QPointF &tip)
{
    const QLineF axis(tip, base);
    if (axis.length() < 0.01)
        return {};
    const QPointF unit = (base - tip) / axis.length();
    const QPointF normal(-unit.y(), unit.x());
    return QPolygonF({tip, base + normal * ArrowHalfWidth, base - normal * ArrowHalfWidth});
}
} // namespace

GraphEdgeItem::GraphEdgeItem(int index, const GraphEdge &edge, const EdgeRoute &route, const QSizeF &labelSize)
    : m_index(index)
    , m_edge(edge)
{
    if (!labelSize.isEmpty())
        m_labelRect = QRectF(QPointF(), labelSize);
    setRoute(route);
    setZValue(0);
}

void GraphEdgeItem::setRoute(const EdgeRoute &route)
{
    prepareGeometryChange();
    m_path = QPainterPath();
    m_arrow.clear();
    const QList<QPointF> &p = route.path;
    if (!p.isEmpty()) {
        m_path.moveTo(p.constFirst());
        if (p.size() >= 4 && (p.size() - 1) % 3 == 0) {
            for (int i = 1; i + 2 < p.size(); i += 3)
                m_path.cubicTo(p.at(i), p.at(i + 1), p.at(i + 2));
        } else {
            for (int i = 1; i < p.size(); ++i)
                m_path.lineTo(p.at(i));
        }
    }
    if (route.hasArrow) {
        m_arrow = arrowHead(p.constLast(), route.arrowTip);
    } else if (p.size() >= 2) {
        // A straight route from sfdp stops at the node centre: shorten it to leave room for the head.
        const QLineF line(p.at(p.size() - 2), p.constLast());
        const QPointF base = line.pointAt(qMax(0.0, 1.0 - ArrowLength / qMax(line.length(), 1.0)));
        m_arrow = arrowHead(base, p.constLast());
    }
    if (!m_labelRect.isEmpty()) {
        if (route.hasLabel)
            m_labelRect.moveCenter(route.labelCenter);
        else if (!m_path.isEmpty())
            m_labelRect.moveCenter(m_path.pointAtPercent(0.5));
    }
    m_shape = {};
    updateBounds();
    update();
}

EdgeRoute GraphEdgeItem::straightRoute(const QRectF &from, const QRectF &to, bool hasLabel)
{
    // Where the line between the centres leaves a box.
    auto exitPoint = [](const QRectF &box, const QPointF &towards) {
        const QPointF c = box.center();
        const QPointF d = towards - c;
        if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
            return c;
        const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (box.width() / 2) / qAbs(d.x());
        const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (box.height() / 2) / qAbs(d.y());
        return c + d * qMin(1.0, qMin(sx, sy));
    };
    EdgeRoute r;
    const QPointF start = exitPoint(from, to.center());
    const QPointF tip = exitPoint(to, from.center());
    const QLineF line(start, tip);
    const QPointF base = line.pointAt(qMax(0.0, 1.0 - ArrowLength / qMax(line.length(), 1.0)));
    r.path = {start, base};
    r.hasArrow = true;
    r.arrowTip = tip;
    r.hasLabel = hasLabel;
    r.labelCenter = line.pointAt(0.5);
    return r;
}

void GraphEdgeItem::updateBounds()
{
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).united(m_labelRect).adjusted(-3, -3, 3, 3);
}

void GraphEdgeItem::updateFlow(const QString &label, NodeHealth health, const QString &toolTip)
{
    if (m_edge.label == label && m_edge.health == health && m_edge.toolTip == toolTip)
        return;
    prepareGeometryChange();
    m_edge.label = label;
    m_edge.health = health;
    m_edge.toolTip = toolTip;
    if (!m_labelRect.isEmpty()) {
        const QPointF center = m_labelRect.center();
        m_labelRect = QRectF(QPointF(), GraphStyle::edgeLabelSize(label));
        m_labelRect.moveCenter(center);
    }
    m_shape = {};
    updateBounds();
    update();
}

void GraphEdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(highlighted ? 0.5 : 0);
    update();
}

QRectF GraphEdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath GraphEdgeItem::shape() const
{
    if (m_shape.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(7);
        m_shape = stroker.createStroke(m_path);
        m_shape.addPolygon(m_arrow);
        if (!m_labelRect.isEmpty())
            m_shape.addRect(m_labelRect);
    }
    return m_shape;
}

void GraphEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.2);
    // Highlighted as the selected node's relation in the view only; an export has no widget.
    const bool highlighted = m_highlighted && widget;
    const QColor color = highlighted                           ? GraphStyle::selectionColor()
                         : m_edge.health != NodeHealth::Normal ? GraphStyle::healthColor(m_edge.health)
                                                               : GraphStyle::edgeColor(m_edge.kind);
    if (lod < GraphStyle::OverviewLevelOfDetail) {
        // An overview of thousands of objects: a hairline, no dashes, no arrow head.
        painter->setPen(QPen(color, 0));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
        return;
    }
    QPen pen(color, highlighted ? 2.6 : GraphStyle::edgeWidth(m_edge.kind));
    if (!m_edge.isActive || m_edge.kind == GraphEdgeKind::RoutesTo)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);

    if (m_labelRect.isEmpty() || lod < LabelLevelOfDetail)
        return;
    painter->setPen(QPen(color, 0.8));
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->drawRoundedRect(m_labelRect, 3, 3);
    painter->setFont(GraphStyle::edgeLabelFont());
    painter->drawText(m_labelRect, Qt::AlignCenter, m_edge.label);
}

} // namespace bs

#pragma once

#include "graph/edgeroute.h"
#include "graph/graphedge.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace bs {

/// One relation in the graph scene: the Graphviz spline, its arrowhead and its label.
class GraphEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 102 };

    GraphEdgeItem(int index, const GraphEdge &edge, const EdgeRoute &route, const QSizeF &labelSize);

    int type() const override { return Type; }
    int index() const { return m_index; }
    const GraphEdge &edge() const { return m_edge; }

    /// A conversation flow's new figures from a later sample: the label is re-centred where the
    /// layout put it, the colour follows the health. The route stays.
    void updateFlow(const QString &label, NodeHealth health, const QString &toolTip);

    /// Replaces the route (the designer draws a straight one to a node the user moved).
    void setRoute(const EdgeRoute &route);
    /// A straight route from the outline of the box `from` to the outline of the box `to`
    /// (scene rectangles), with room for the arrowhead and the label in the middle.
    static EdgeRoute straightRoute(const QRectF &from, const QRectF &to, bool hasLabel);
    /// Drawn in the selection colour when an end of it is selected.
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void updateBounds();

    int m_index = -1;
    GraphEdge m_edge;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_labelRect;
    QRectF m_bounds;
    mutable QPainterPath m_shape; // stroked on first hit test only: most edges are never hovered
    bool m_highlighted = false;
};

} // namespace bs

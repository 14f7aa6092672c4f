#pragma once

#include "graph/graphedge.h"
#include "graph/graphnode.h"

#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QPainter;

namespace bs {

/// How the broker graph looks: colours, outlines and icons per node kind, fonts, the sizes
/// handed to Graphviz, and the legend. Shared by the scene items, the view and its exports.
class GraphStyle
{
public:
    /// The texts a node shows, elided to the node's width, and the node's outer size.
    struct NodeText
    {
        QString name;
        QString caption;
        QSizeF size;
        QRectF content; ///< icon and text area, relative to the node's centre
    };

    static QFont nameFont();
    static QFont captionFont();
    static QFont edgeLabelFont();

    static QColor fillColor(GraphNodeKind kind);
    static QColor strokeColor(GraphNodeKind kind);
    static QColor edgeColor(GraphEdgeKind kind);
    /// Pen width of an edge kind (conversation flows are drawn bolder than catalog relations).
    static qreal edgeWidth(GraphEdgeKind kind);
    /// The pill with the number of health-check findings an object has: red when one is an
    /// error, violet otherwise (so it is not read as the monitor's amber warning).
    static void paintFindingsBadge(QPainter *painter, const QPointF &center, int count, NodeHealth worst);
    static QColor healthColor(NodeHealth health);
    static QColor selectionColor();
    static QString kindTitle(GraphNodeKind kind);
    static QString edgeTitle(GraphEdgeKind kind);

    /// Measures a node with the fonts it is drawn with; the size goes to Graphviz.
    static NodeText measure(const GraphNode &node);
    static QSizeF edgeLabelSize(const QString &label);
    /// The node's outline centred at (0,0), matching the Graphviz shape used for layout.
    static QPainterPath outline(GraphNodeKind kind, const QSizeF &size);
    /// A small pictogram for the kind inside rect.
    static void paintIcon(QPainter *painter, GraphNodeKind kind, const QRectF &rect, const QColor &color);
    /// The outline plus the second drawing details (cylinder lid, folded corner).
    static void paintShape(QPainter *painter, GraphNodeKind kind, const QSizeF &size);

    static QSizeF legendSize();
    /// A boxed legend of node kinds, edge kinds and health colours with its top-left at topLeft.
    static void paintLegend(QPainter *painter, const QPointF &topLeft);

    static constexpr qreal Padding = 9;
    static constexpr qreal FindingsBadgeHeight = 16;
    static constexpr qreal IconSize = 18;
    static constexpr qreal MaxTextWidth = 300;
    /// Below this zoom (about a tenth) items paint as plain blocks and hairlines: a fitted view of
    /// ten thousand objects paints in a fraction of the time and shows the same.
    static constexpr qreal OverviewLevelOfDetail = 0.1;
};

} // namespace bs

#pragma once

#include <QList>
#include <QPointF>

namespace bs {

/// Where one edge was drawn by the layout, in scene coordinates (y down).
struct EdgeRoute
{
    /// Cubic Bézier chain: start point, then three points per segment. Two points = a line.
    QList<QPointF> path;
    bool hasArrow = false;
    QPointF arrowTip; ///< the arrow's tip; the path ends at its base
    bool hasLabel = false;
    QPointF labelCenter;
    /// The end that is not drawn at its node: an index into GraphLayout::references, or -1.
    int reference = -1;
    bool operator==(const EdgeRoute &) const = default;
};

} // namespace bs

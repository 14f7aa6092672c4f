#pragma once

#include "graph/edgeroute.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace bs {

/// The result of laying out a BrokerGraph: node centres and edge routes by index, in
/// points with the y axis pointing down (ready for QGraphicsScene).
struct GraphLayout
{
    bool ok = false;
    QString error;
    QString engine; ///< "dot", "sfdp", or "dot, sfdp" when components used different engines
    QRectF bounds;
    QList<QPointF> nodeCenters;
    QList<EdgeRoute> edges;
    bool operator==(const GraphLayout &) const = default;
};

} // namespace bs

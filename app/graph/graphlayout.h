#pragma once

#include "graph/edgeroute.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace bs {

/// A stand-in for a node that is laid out in another part of a split component: the edges
/// from this part to the node end here (EdgeRoute::reference), and the view draws a
/// reference box that leads to the node itself.
struct NodeReference
{
    int node = -1;
    QPointF center;
    bool operator==(const NodeReference &) const = default;
};

/// A connected component too large to lay out in one piece, drawn as parts packed into one
/// frame (the view draws the frame and says what it is).
struct LayoutGroup
{
    QRectF frame;          ///< includes the caption band at its top (LayoutGroup::CaptionHeight)
    int nodeCount = 0;
    int partCount = 0;
    int referenceCount = 0;
    static constexpr qreal CaptionHeight = 36;
    bool operator==(const LayoutGroup &) const = default;
};

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
    QList<NodeReference> references;
    QList<LayoutGroup> groups;
    bool operator==(const GraphLayout &) const = default;
};

} // namespace bs

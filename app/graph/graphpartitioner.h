#pragma once

#include "graph/brokergraph.h"

#include <QList>

namespace bs {

/// Splits one large connected component of a BrokerGraph into parts small enough for `dot`,
/// along the lines a DBA reads a catalog by: one application (a target service with its queue,
/// activation procedure, contracts and message types) per part. Objects many applications
/// share (a common contract, message type or queue: "hubs") stay with the application they
/// have most ties to; each edge to them from another part is drawn to a reference instead.
/// Deterministic: the same graph gives the same parts, in the same order.
class GraphPartitioner
{
public:
    /// A node with at least this many edges inside the component is a hub.
    static constexpr int HubDegree = 8;

    /// `nodes` and `edges` are one connected component of `graph` (indexes in ascending order).
    /// Returns the parts as ascending node lists, ordered by their lowest node; every node is in
    /// exactly one part, and no part has more than maxPartNodes nodes.
    static QList<QList<int>> split(const BrokerGraph &graph, const QList<int> &nodes, const QList<int> &edges,
                                   int maxPartNodes);
};

} // namespace bs

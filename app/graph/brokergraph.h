#pragma once

#include "graph/graphedge.h"
#include "graph/graphnode.h"

#include <QHash>
#include <QList>

namespace bs {

/// The broker objects of one catalog as nodes and edges, before layout.
/// Node and edge indexes are stable for one build and are what GraphLayout refers to.
class BrokerGraph
{
public:
    int addNode(const GraphNode &node);
    void addEdge(const GraphEdge &edge);

    const QList<GraphNode> &nodes() const { return m_nodes; }
    const QList<GraphEdge> &edges() const { return m_edges; }
    int nodeCount() const { return int(m_nodes.size()); }
    int edgeCount() const { return int(m_edges.size()); }

    /// Index of the node for an object, or -1. A RemoteService node is found by its route
    /// only when the route itself is not in the graph.
    int indexOf(const ObjectRef &ref) const;
    /// Index of the RemoteService node with that name, or -1.
    int remoteServiceIndex(const QString &remoteServiceName) const;
    /// Edges with the node at either end.
    QList<int> edgesOf(int nodeIndex) const;

private:
    static quint64 key(const ObjectRef &ref);

    QList<GraphNode> m_nodes;
    QList<GraphEdge> m_edges;
    QHash<quint64, int> m_byRef;
    QHash<QString, int> m_remoteByName;
};

} // namespace bs

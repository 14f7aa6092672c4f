#include "graph/brokergraph.h"

namespace bs {

quint64 BrokerGraph::key(const ObjectRef &ref)
{
    return (quint64(quint32(ref.kind)) << 32) | quint32(ref.id);
}

int BrokerGraph::addNode(const GraphNode &node)
{
    const int index = int(m_nodes.size());
    m_nodes.append(node);
    if (node.kind == GraphNodeKind::RemoteService) {
        m_remoteByName.insert(node.name, index);
        // The route node, when present, owns the route's ref; the remote end is a fallback.
        if (node.ref.isValid() && !m_byRef.contains(key(node.ref)))
            m_byRef.insert(key(node.ref), index);
    } else if (node.ref.isValid()) {
        m_byRef.insert(key(node.ref), index);
    }
    return index;
}

void BrokerGraph::addEdge(const GraphEdge &edge)
{
    Q_ASSERT(edge.from >= 0 && edge.from < m_nodes.size());
    Q_ASSERT(edge.to >= 0 && edge.to < m_nodes.size());
    m_edges.append(edge);
}

int BrokerGraph::indexOf(const ObjectRef &ref) const
{
    return m_byRef.value(key(ref), -1);
}

int BrokerGraph::remoteServiceIndex(const QString &remoteServiceName) const
{
    return m_remoteByName.value(remoteServiceName, -1);
}

QList<int> BrokerGraph::edgesOf(int nodeIndex) const
{
    QList<int> result;
    for (int i = 0; i < m_edges.size(); ++i) {
        if (m_edges.at(i).from == nodeIndex || m_edges.at(i).to == nodeIndex)
            result.append(i);
    }
    return result;
}

} // namespace bs

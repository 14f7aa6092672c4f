#pragma once

#include "core/catalog.h"

#include <QList>
#include <QString>

#include <utility>

namespace bs {

/// What a graph node stands for. RemoteService has no catalog row of its own: it is the
/// far end of a route whose SERVICE_NAME matches no local service.
enum class GraphNodeKind {
    Service,
    Queue,
    Contract,
    MessageType,
    ActivationProcedure,
    Route,
    RemoteService,
};

/// How a node is drawn: from the catalog (a disabled queue) or set later by the monitor.
enum class NodeHealth {
    Normal,
    Warning,
    Error,
};

/// One object in the broker graph, with the facts its tooltip shows.
struct GraphNode
{
    GraphNodeKind kind = GraphNodeKind::Service;
    /// The catalog object; for a RemoteService node, the first route (lowest id) that names it.
    ObjectRef ref;
    QString name;
    QString caption; ///< short second line: kind and one key fact
    QList<std::pair<QString, QString>> facts;
    bool isSystem = false;
    NodeHealth health = NodeHealth::Normal; ///< what the catalog alone says
    QString healthReason;
    bool operator==(const GraphNode &) const = default;
};

/// The worse of two health states.
inline NodeHealth worseHealth(NodeHealth a, NodeHealth b)
{
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

} // namespace bs

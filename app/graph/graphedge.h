#pragma once

#include "graph/graphnode.h"

#include <QString>

namespace bs {

/// The relation an edge draws.
enum class GraphEdgeKind {
    OnQueue,   ///< service -> the queue it lives on
    Accepts,   ///< service -> a contract it accepts (target side)
    Message,   ///< contract -> message type, labelled with SENT BY
    Activates, ///< queue -> its activation procedure
    RoutesTo,  ///< route -> the (local or remote) service named by SERVICE_NAME
    Conversation, ///< initiator service -> target service, from the endpoints of the latest sample
};

/// One directed edge between two node indexes of a BrokerGraph.
struct GraphEdge
{
    int from = -1;
    int to = -1;
    GraphEdgeKind kind = GraphEdgeKind::OnQueue;
    QString label;        ///< drawn on the edge; empty for none
    bool isActive = true; ///< false draws it dashed (activation with STATUS = OFF)
    NodeHealth health = NodeHealth::Normal; ///< a conversation flow that leaks is drawn in its colour
    QString toolTip;      ///< plain text; empty for none
    bool operator==(const GraphEdge &) const = default;
};

} // namespace bs

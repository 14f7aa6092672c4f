#pragma once

#include "core/catalog.h"
#include "graph/brokergraph.h"
#include "graph/conversationflow.h"

namespace bs {

/// Turns a BrokerCatalog into a BrokerGraph: services, queues, contracts, message types,
/// activation procedures, routes and remote services as nodes, and the relations between
/// them as edges. System objects are left out unless asked for.
class GraphBuilder
{
public:
    void setShowSystemObjects(bool show) { m_showSystemObjects = show; }
    bool showSystemObjects() const { return m_showSystemObjects; }

    /// Conversation flows to draw as service -> service edges (empty: none). A far service that
    /// is neither local nor a route's remote service gets a node of its own.
    void setConversationFlows(const QList<ConversationFlow> &flows) { m_flows = flows; }

    BrokerGraph build(const BrokerCatalog &catalog) const;

    static bool isSystemQueue(const Queue &queue);
    static bool isSystemService(const Service &service);
    static bool isSystemContract(const Contract &contract);
    static bool isSystemMessageType(const MessageType &messageType);

private:
    void addFlows(const BrokerCatalog &catalog, BrokerGraph &g) const;

    bool m_showSystemObjects = false;
    QList<ConversationFlow> m_flows;
};

} // namespace bs

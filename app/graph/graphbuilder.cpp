#include "graph/graphbuilder.h"

#include "core/samplecatalog.h"


#include <algorithm>

namespace bs {

namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("ON") : QStringLiteral("OFF");
}

QString principalText(const std::optional<int> &principalId)
{
    return principalId ? QString::number(*principalId) : QStringLiteral("NULL");
}

GraphNode serviceNode(const Service &s, const BrokerCatalog &catalog)
{
    GraphNode n;
    n.kind = GraphNodeKind::Service;
    n.ref = {ObjectKind::Service, s.id};
    n.name = s.name;
    const Queue *q = catalog.queue(s.queueId);
    const QString queueName = q ? q->qualifiedName() : QStringLiteral("object_id %1").arg(s.queueId);
    n.caption = s.contractIds.isEmpty() ? QStringLiteral("SERVICE · initiator only")
                                        : QStringLiteral("SERVICE · %1 contract(s)").arg(s.contractIds.size());
    n.facts = {{QStringLiteral("Service"), s.name},
               {QStringLiteral("service_id"), QString::number(s.id)},
               {QStringLiteral("Queue"), queueName},
               {QStringLiteral("Contracts"), QString::number(s.contractIds.size())},
               {QStringLiteral("principal_id"), principalText(s.principalId)}};
    if (s.contractIds.isEmpty())
        n.facts.append({QStringLiteral("Note"), QStringLiteral("accepts no contract: can only initiate")});
    return n;
}

GraphNode queueNode(const Queue &q)
{
    GraphNode n;
    n.kind = GraphNodeKind::Queue;
    n.ref = {ObjectKind::Queue, q.objectId};
    n.name = q.schema.isEmpty() ? q.name : q.schema + QLatin1Char('.') + q.name;
    QString state;
    if (!q.isReceiveEnabled)
        state = QStringLiteral("RECEIVE DISABLED");
    else if (!q.isEnqueueEnabled)
        state = QStringLiteral("ENQUEUE DISABLED");
    else if (q.hasActivation())
        state = q.isActivationEnabled ? QStringLiteral("activation ON, %1 reader(s)").arg(q.maxReaders)
                                      : QStringLiteral("activation OFF");
    else
        state = QStringLiteral("no activation");
    n.caption = QStringLiteral("QUEUE · ") + state;
    n.facts = {{QStringLiteral("Queue"), q.qualifiedName()},
               {QStringLiteral("object_id"), QString::number(q.objectId)},
               {QStringLiteral("Receive"), yesNo(q.isReceiveEnabled)},
               {QStringLiteral("Enqueue"), yesNo(q.isEnqueueEnabled)},
               {QStringLiteral("Retention"), yesNo(q.isRetentionEnabled)},
               {QStringLiteral("Poison message handling"), yesNo(q.isPoisonMessageHandlingEnabled)},
               {QStringLiteral("Activation"), q.hasActivation() ? yesNo(q.isActivationEnabled) : QStringLiteral("none")}};
    if (q.hasActivation()) {
        n.facts.append({QStringLiteral("Procedure"), q.activationProcedure});
        n.facts.append({QStringLiteral("MAX_QUEUE_READERS"), QString::number(q.maxReaders)});
        n.facts.append({QStringLiteral("EXECUTE AS"), q.executeAsText()});
    }
    if (q.modifyDate.isValid())
        // sys.objects.modify_date is the server's local wall-clock time, not UTC.
        n.facts.append({QStringLiteral("Modified (server time)"), q.modifyDate.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))});
    if (!q.isReceiveEnabled) {
        n.health = NodeHealth::Error;
        // Five rollbacks in a row with poison message handling ON disable a queue this way.
        n.healthReason = QStringLiteral("Receive is disabled: nothing can be received from this queue "
                                        "(poison message handling, or ALTER QUEUE ... STATUS = OFF)");
    } else if (!q.isEnqueueEnabled) {
        n.health = NodeHealth::Error;
        n.healthReason = QStringLiteral("Enqueue is disabled: messages for its services cannot arrive");
    } else if (q.hasActivation() && !q.isActivationEnabled) {
        n.health = NodeHealth::Warning;
        n.healthReason = QStringLiteral("Activation is OFF: the procedure is not started");
    }
    n.isSystem = GraphBuilder::isSystemQueue(q);
    return n;
}

GraphNode activationNode(const Queue &q)
{
    GraphNode n;
    n.kind = GraphNodeKind::ActivationProcedure;
    n.ref = {ObjectKind::ActivationProcedure, q.objectId};
    n.name = q.activationProcedure;
    n.caption = QStringLiteral("ACTIVATION · EXECUTE AS %1").arg(q.executeAsText());
    n.facts = {{QStringLiteral("Procedure"), q.activationProcedure},
               {QStringLiteral("Queue"), q.qualifiedName()},
               {QStringLiteral("Status"), yesNo(q.isActivationEnabled)},
               {QStringLiteral("MAX_QUEUE_READERS"), QString::number(q.maxReaders)},
               {QStringLiteral("EXECUTE AS"), q.executeAsText()}};
    if (!q.isActivationEnabled) {
        n.health = NodeHealth::Warning;
        n.healthReason = QStringLiteral("Activation is OFF on the queue");
    }
    n.isSystem = GraphBuilder::isSystemQueue(q);
    return n;
}

GraphNode contractNode(const Contract &c)
{
    GraphNode n;
    n.kind = GraphNodeKind::Contract;
    n.ref = {ObjectKind::Contract, c.id};
    n.name = c.name;
    n.caption = QStringLiteral("CONTRACT · %1 message type(s)").arg(c.usages.size());
    n.facts = {{QStringLiteral("Contract"), c.name},
               {QStringLiteral("service_contract_id"), QString::number(c.id)},
               {QStringLiteral("Message types"), QString::number(c.usages.size())},
               {QStringLiteral("principal_id"), principalText(c.principalId)}};
    n.isSystem = GraphBuilder::isSystemContract(c);
    return n;
}

GraphNode messageTypeNode(const MessageType &m)
{
    GraphNode n;
    n.kind = GraphNodeKind::MessageType;
    n.ref = {ObjectKind::MessageType, m.id};
    n.name = m.name;
    const QString validation = m.validationDesc.isEmpty() ? m.validation : m.validationDesc;
    n.caption = QStringLiteral("MESSAGE TYPE · VALIDATION %1").arg(validation);
    n.facts = {{QStringLiteral("Message type"), m.name},
               {QStringLiteral("message_type_id"), QString::number(m.id)},
               {QStringLiteral("Validation"), validation},
               {QStringLiteral("principal_id"), principalText(m.principalId)}};
    if (m.xmlCollectionId)
        n.facts.append({QStringLiteral("xml_collection_id"), QString::number(*m.xmlCollectionId)});
    n.isSystem = GraphBuilder::isSystemMessageType(m);
    return n;
}

GraphNode routeNode(const Route &r)
{
    GraphNode n;
    n.kind = GraphNodeKind::Route;
    n.ref = {ObjectKind::Route, r.id};
    n.name = r.name;
    n.caption = QStringLiteral("ROUTE · ") + (r.address.isEmpty() ? QStringLiteral("no address") : r.address);
    // NULL remote_service_name means the route matches any service name (CREATE ROUTE docs).
    n.facts = {{QStringLiteral("Route"), r.name},
               {QStringLiteral("route_id"), QString::number(r.id)},
               {QStringLiteral("SERVICE_NAME"), r.remoteServiceName.isEmpty() ? QStringLiteral("(any service)")
                                                                              : r.remoteServiceName},
               {QStringLiteral("BROKER_INSTANCE"), r.brokerInstance.isEmpty() ? QStringLiteral("(any)") : r.brokerInstance},
               {QStringLiteral("ADDRESS"), r.address}};
    if (!r.mirrorAddress.isEmpty())
        n.facts.append({QStringLiteral("MIRROR_ADDRESS"), r.mirrorAddress});
    if (r.lifetime)
        n.facts.append({QStringLiteral("Expires (UTC)"), r.lifetime->toUTC().toString(Qt::ISODate)});
    return n;
}

GraphNode remoteServiceNode(const QString &name, const QList<const Route *> &routes)
{
    GraphNode n;
    n.kind = GraphNodeKind::RemoteService;
    n.ref = {ObjectKind::Route, routes.constFirst()->id};
    n.name = name;
    n.caption = QStringLiteral("REMOTE SERVICE · not in this database");
    n.facts = {{QStringLiteral("Remote service"), name}};
    for (const Route *r : routes) {
        n.facts.append({QStringLiteral("Route"), r->name + QStringLiteral(" → ") + r->address});
        if (!r->brokerInstance.isEmpty())
            n.facts.append({QStringLiteral("Broker instance"), r->brokerInstance});
    }
    return n;
}

GraphNode farServiceNode(const QString &name)
{
    GraphNode n;
    n.kind = GraphNodeKind::RemoteService;
    n.name = name;
    n.caption = QStringLiteral("FAR SERVICE · seen in conversations");
    n.facts = {{QStringLiteral("Far service"), name},
               {QStringLiteral("Note"), QStringLiteral("not in this database and named by no route: the far side of "
                                                       "conversation endpoints in the latest sample")}};
    return n;
}

} // namespace

bool GraphBuilder::isSystemQueue(const Queue &queue)
{
    return queue.isMsShipped;
}

bool GraphBuilder::isSystemService(const Service &service)
{
    return isSystemObjectName(service.name);
}

bool GraphBuilder::isSystemContract(const Contract &contract)
{
    return isSystemObjectName(contract.name);
}

bool GraphBuilder::isSystemMessageType(const MessageType &messageType)
{
    return isSystemObjectName(messageType.name);
}

BrokerGraph GraphBuilder::build(const BrokerCatalog &catalog) const
{
    BrokerGraph g;
    const bool all = m_showSystemObjects;

    // Node order is the order Graphviz sees them in, so it is fixed: kinds in flow order,
    // catalog order inside a kind. The same catalog then always gives the same picture.
    for (const Route &r : catalog.routes)
        g.addNode(routeNode(r));
    for (const Service &s : catalog.services) {
        GraphNode n = serviceNode(s, catalog);
        n.isSystem = isSystemService(s);
        if (all || !n.isSystem)
            g.addNode(n);
    }
    for (const Queue &q : catalog.queues) {
        if (all || !isSystemQueue(q))
            g.addNode(queueNode(q));
    }
    for (const Contract &c : catalog.contracts) {
        if (all || !isSystemContract(c))
            g.addNode(contractNode(c));
    }
    for (const Queue &q : catalog.queues) {
        if (q.hasActivation() && (all || !isSystemQueue(q)))
            g.addNode(activationNode(q));
    }
    for (const MessageType &m : catalog.messageTypes) {
        if (all || !isSystemMessageType(m))
            g.addNode(messageTypeNode(m));
    }

    // Routes to services this database does not have: one node per remote service name.
    QList<QString> remoteNames;
    QHash<QString, QList<const Route *>> routesByRemote;
    for (const Route &r : catalog.routes) {
        if (r.remoteServiceName.isEmpty() || catalog.serviceByName(r.remoteServiceName))
            continue;
        if (!routesByRemote.contains(r.remoteServiceName))
            remoteNames.append(r.remoteServiceName);
        routesByRemote[r.remoteServiceName].append(&r);
    }
    for (const QString &name : remoteNames) {
        QList<const Route *> routes = routesByRemote.value(name);
        std::sort(routes.begin(), routes.end(), [](const Route *a, const Route *b) { return a->id < b->id; });
        g.addNode(remoteServiceNode(name, routes));
    }

    auto link = [&g](int from, int to, GraphEdgeKind kind, const QString &label = {}, bool active = true) {
        if (from >= 0 && to >= 0)
            g.addEdge({from, to, kind, label, active, NodeHealth::Normal, {}});
    };

    for (const Route &r : catalog.routes) {
        if (r.remoteServiceName.isEmpty())
            continue;
        const int from = g.indexOf({ObjectKind::Route, r.id});
        if (const Service *local = catalog.serviceByName(r.remoteServiceName))
            link(from, g.indexOf({ObjectKind::Service, local->id}), GraphEdgeKind::RoutesTo);
        else
            link(from, g.remoteServiceIndex(r.remoteServiceName), GraphEdgeKind::RoutesTo);
    }
    for (const Service &s : catalog.services) {
        const int from = g.indexOf({ObjectKind::Service, s.id});
        if (from < 0)
            continue;
        link(from, g.indexOf({ObjectKind::Queue, s.queueId}), GraphEdgeKind::OnQueue);
        for (int contractId : s.contractIds)
            link(from, g.indexOf({ObjectKind::Contract, contractId}), GraphEdgeKind::Accepts);
    }
    for (const Contract &c : catalog.contracts) {
        const int from = g.indexOf({ObjectKind::Contract, c.id});
        if (from < 0)
            continue;
        for (const MessageUsage &u : c.usages) {
            link(from, g.indexOf({ObjectKind::MessageType, u.messageTypeId}), GraphEdgeKind::Message,
                 QStringLiteral("SENT BY ") + u.sentByText());
        }
    }
    for (const Queue &q : catalog.queues) {
        if (!q.hasActivation())
            continue;
        link(g.indexOf({ObjectKind::Queue, q.objectId}), g.indexOf({ObjectKind::ActivationProcedure, q.objectId}),
             GraphEdgeKind::Activates, {}, q.isActivationEnabled);
    }
    addFlows(catalog, g);
    return g;
}

void GraphBuilder::addFlows(const BrokerCatalog &catalog, BrokerGraph &g) const
{
    auto serviceIndex = [&](const QString &name) {
        if (const Service *s = catalog.serviceByName(name))
            return g.indexOf({ObjectKind::Service, s->id}); // -1 for a hidden system service
        int index = g.remoteServiceIndex(name);
        if (index < 0)
            index = g.addNode(farServiceNode(name));
        return index;
    };
    for (const ConversationFlow &f : m_flows) {
        const int from = serviceIndex(f.initiatorService);
        const int to = serviceIndex(f.targetService);
        if (from < 0 || to < 0)
            continue;
        g.addEdge({from, to, GraphEdgeKind::Conversation, f.label(), true,
                   f.isLeaking() ? NodeHealth::Error : NodeHealth::Normal, f.description()});
    }
}

} // namespace bs

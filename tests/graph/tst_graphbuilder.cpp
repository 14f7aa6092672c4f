#include "graph/graphbuilder.h"

#include "core/samplecatalog.h"
#include "core/sim/scenarioloader.h"
#include "fixturecatalogs.h"

#include <QTest>

#include <algorithm>

using namespace bs;

namespace {

QString kindName(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Service: return QStringLiteral("Service");
    case GraphNodeKind::Queue: return QStringLiteral("Queue");
    case GraphNodeKind::Contract: return QStringLiteral("Contract");
    case GraphNodeKind::MessageType: return QStringLiteral("MessageType");
    case GraphNodeKind::ActivationProcedure: return QStringLiteral("Activation");
    case GraphNodeKind::Route: return QStringLiteral("Route");
    case GraphNodeKind::RemoteService: return QStringLiteral("Remote");
    }
    return {};
}

QString edgeKindName(GraphEdgeKind kind)
{
    switch (kind) {
    case GraphEdgeKind::OnQueue: return QStringLiteral("on queue");
    case GraphEdgeKind::Accepts: return QStringLiteral("accepts");
    case GraphEdgeKind::Message: return QStringLiteral("message");
    case GraphEdgeKind::Activates: return QStringLiteral("activates");
    case GraphEdgeKind::RoutesTo: return QStringLiteral("routes to");
    case GraphEdgeKind::Conversation: return QStringLiteral("conversation");
    }
    return {};
}

QString nodeText(const GraphNode &n)
{
    return kindName(n.kind) + QLatin1Char(' ') + n.name;
}

QStringList printNodes(const BrokerGraph &g)
{
    QStringList result;
    for (const GraphNode &n : g.nodes())
        result.append(nodeText(n));
    result.sort();
    return result;
}

QStringList printEdges(const BrokerGraph &g)
{
    QStringList result;
    for (const GraphEdge &e : g.edges()) {
        QString line = nodeText(g.nodes().at(e.from)) + QStringLiteral(" -") + edgeKindName(e.kind);
        if (!e.label.isEmpty())
            line += QStringLiteral(" \"") + e.label + QLatin1Char('"');
        if (!e.isActive)
            line += QStringLiteral(" (off)");
        line += QStringLiteral("-> ") + nodeText(g.nodes().at(e.to));
        result.append(line);
    }
    result.sort();
    return result;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestGraphBuilder : public QObject
{
    Q_OBJECT
private slots:
    void nodesAndEdges_data();
    void nodesAndEdges();
    void sampleHealthFromCatalog();
    void lookupByRef();
    void factsForTooltips();
    void simulatedRouteToAnotherBroker();
};

void TestGraphBuilder::nodesAndEdges_data()
{
    QTest::addColumn<BrokerCatalog>("catalog");
    QTest::addColumn<bool>("showSystem");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("edges");

    QTest::newRow("sample") << sampleCatalog() << false
        << sorted({QStringLiteral("Route AutoCreatedLocal"), QStringLiteral("Route BillingRoute"),
                   QStringLiteral("Remote //Fabrikam/Billing/Service"),
                   QStringLiteral("Service //Contoso/Orders/Initiator"), QStringLiteral("Service //Contoso/Orders/Target"),
                   QStringLiteral("Service //Contoso/Audit/Sender"), QStringLiteral("Service //Contoso/Audit/Receiver"),
                   QStringLiteral("Service //Contoso/Billing/Client"),
                   QStringLiteral("Queue dbo.OrdersInitiatorQueue"), QStringLiteral("Queue dbo.OrdersTargetQueue"),
                   QStringLiteral("Queue dbo.AuditSenderQueue"), QStringLiteral("Queue dbo.AuditQueue"),
                   QStringLiteral("Queue dbo.BillingOutboundQueue"),
                   QStringLiteral("Contract //Contoso/Orders/Contract"), QStringLiteral("Contract //Contoso/Audit/Contract"),
                   QStringLiteral("Contract //Fabrikam/Billing/Contract"),
                   QStringLiteral("Activation [SalesOps].[dbo].[Orders_Initiator]"),
                   QStringLiteral("Activation [SalesOps].[dbo].[Orders_Target]"),
                   QStringLiteral("Activation [SalesOps].[dbo].[Audit_Receive]"),
                   QStringLiteral("Activation [SalesOps].[dbo].[Billing_Replies]"),
                   QStringLiteral("MessageType //Contoso/Orders/Task"), QStringLiteral("MessageType //Contoso/Orders/EndOfStream"),
                   QStringLiteral("MessageType //Contoso/Orders/Result"), QStringLiteral("MessageType //Contoso/Audit/Event"),
                   QStringLiteral("MessageType //Fabrikam/Billing/Invoice")})
        << sorted({QStringLiteral("Route BillingRoute -routes to-> Remote //Fabrikam/Billing/Service"),
                   QStringLiteral("Service //Contoso/Orders/Initiator -on queue-> Queue dbo.OrdersInitiatorQueue"),
                   QStringLiteral("Service //Contoso/Orders/Target -on queue-> Queue dbo.OrdersTargetQueue"),
                   QStringLiteral("Service //Contoso/Audit/Sender -on queue-> Queue dbo.AuditSenderQueue"),
                   QStringLiteral("Service //Contoso/Audit/Receiver -on queue-> Queue dbo.AuditQueue"),
                   QStringLiteral("Service //Contoso/Billing/Client -on queue-> Queue dbo.BillingOutboundQueue"),
                   QStringLiteral("Service //Contoso/Orders/Target -accepts-> Contract //Contoso/Orders/Contract"),
                   QStringLiteral("Service //Contoso/Audit/Receiver -accepts-> Contract //Contoso/Audit/Contract"),
                   QStringLiteral("Service //Contoso/Billing/Client -accepts-> Contract //Fabrikam/Billing/Contract"),
                   QStringLiteral("Contract //Contoso/Orders/Contract -message \"SENT BY INITIATOR\"-> MessageType //Contoso/Orders/Task"),
                   QStringLiteral("Contract //Contoso/Orders/Contract -message \"SENT BY INITIATOR\"-> MessageType //Contoso/Orders/EndOfStream"),
                   QStringLiteral("Contract //Contoso/Orders/Contract -message \"SENT BY TARGET\"-> MessageType //Contoso/Orders/Result"),
                   QStringLiteral("Contract //Contoso/Audit/Contract -message \"SENT BY INITIATOR\"-> MessageType //Contoso/Audit/Event"),
                   QStringLiteral("Contract //Fabrikam/Billing/Contract -message \"SENT BY ANY\"-> MessageType //Fabrikam/Billing/Invoice"),
                   QStringLiteral("Queue dbo.OrdersInitiatorQueue -activates-> Activation [SalesOps].[dbo].[Orders_Initiator]"),
                   QStringLiteral("Queue dbo.OrdersTargetQueue -activates-> Activation [SalesOps].[dbo].[Orders_Target]"),
                   QStringLiteral("Queue dbo.AuditQueue -activates-> Activation [SalesOps].[dbo].[Audit_Receive]"),
                   QStringLiteral("Queue dbo.BillingOutboundQueue -activates-> Activation [SalesOps].[dbo].[Billing_Replies]")});

    QTest::newRow("contract used by several services") << fixtures::sharedContract() << false
        << sorted({QStringLiteral("Service //S/One"), QStringLiteral("Service //S/Two"), QStringLiteral("Service //S/Three"),
                   QStringLiteral("Queue dbo.Q1"), QStringLiteral("Queue dbo.Q2"), QStringLiteral("Queue dbo.Q3"),
                   QStringLiteral("Contract //C/Shared"), QStringLiteral("MessageType //M/Ping")})
        << sorted({QStringLiteral("Service //S/One -on queue-> Queue dbo.Q1"),
                   QStringLiteral("Service //S/Two -on queue-> Queue dbo.Q2"),
                   QStringLiteral("Service //S/Three -on queue-> Queue dbo.Q3"),
                   QStringLiteral("Service //S/One -accepts-> Contract //C/Shared"),
                   QStringLiteral("Service //S/Two -accepts-> Contract //C/Shared"),
                   QStringLiteral("Service //S/Three -accepts-> Contract //C/Shared"),
                   QStringLiteral("Contract //C/Shared -message \"SENT BY ANY\"-> MessageType //M/Ping")});

    QTest::newRow("queue shared by two services") << fixtures::sharedQueue() << false
        << sorted({QStringLiteral("Service //S/A"), QStringLiteral("Service //S/B"), QStringLiteral("Queue dbo.SharedQueue"),
                   QStringLiteral("Activation [db].[dbo].[Drain]")})
        << sorted({QStringLiteral("Service //S/A -on queue-> Queue dbo.SharedQueue"),
                   QStringLiteral("Service //S/B -on queue-> Queue dbo.SharedQueue"),
                   QStringLiteral("Queue dbo.SharedQueue -activates (off)-> Activation [db].[dbo].[Drain]")});

    const QString longName(300, QLatin1Char('L'));
    const QString weird = QStringLiteral("Weird]]Name'; DROP TABLE x;--");
    const QString markup = QStringLiteral("<b>&amp;\"quoted\" label</b> {braces} \\ back");
    const QString unicode = QStringLiteral("Контракт/合同/עסקה");
    QTest::newRow("odd names") << fixtures::oddNames() << false
        << sorted({QStringLiteral("MessageType ") + weird, QStringLiteral("MessageType ") + markup,
                   QStringLiteral("Contract ") + unicode, QStringLiteral("Queue dbo.Queue With  Spaces]"),
                   QStringLiteral("Service ") + longName, QStringLiteral("Service //Odd/Service"),
                   QStringLiteral("Route route \"to\" local"), QStringLiteral("Route CaseRoute"),
                   // Service names compare case-sensitively: this route does not reach //Odd/Service.
                   QStringLiteral("Remote //ODD/SERVICE")})
        << sorted({QStringLiteral("Service ") + longName + QStringLiteral(" -on queue-> Queue dbo.Queue With  Spaces]"),
                   QStringLiteral("Service //Odd/Service -on queue-> Queue dbo.Queue With  Spaces]"),
                   QStringLiteral("Service ") + longName + QStringLiteral(" -accepts-> Contract ") + unicode,
                   QStringLiteral("Contract ") + unicode + QStringLiteral(" -message \"SENT BY INITIATOR\"-> MessageType ") + weird,
                   QStringLiteral("Contract ") + unicode + QStringLiteral(" -message \"SENT BY TARGET\"-> MessageType ") + markup,
                   QStringLiteral("Route route \"to\" local -routes to-> Service //Odd/Service"),
                   QStringLiteral("Route CaseRoute -routes to-> Remote //ODD/SERVICE")});

    QTest::newRow("system objects hidden") << fixtures::withSystemObjects() << false
        << sorted({QStringLiteral("Service //App/Service"), QStringLiteral("Queue dbo.AppQueue"),
                   QStringLiteral("Contract //App/Contract"), QStringLiteral("MessageType //App/Msg")})
        << sorted({QStringLiteral("Service //App/Service -on queue-> Queue dbo.AppQueue"),
                   QStringLiteral("Service //App/Service -accepts-> Contract //App/Contract"),
                   QStringLiteral("Contract //App/Contract -message \"SENT BY INITIATOR\"-> MessageType //App/Msg")});

    QTest::newRow("system objects shown") << fixtures::withSystemObjects() << true
        << sorted({QStringLiteral("Service //App/Service"), QStringLiteral("Queue dbo.AppQueue"),
                   QStringLiteral("Contract //App/Contract"), QStringLiteral("MessageType //App/Msg"),
                   QStringLiteral("Service http://schemas.microsoft.com/SQL/Notifications/QueryNotificationService"),
                   QStringLiteral("Queue sys.QueryNotificationErrorsQueue"), QStringLiteral("Contract DEFAULT"),
                   QStringLiteral("MessageType DEFAULT"),
                   QStringLiteral("MessageType http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog")})
        << sorted({QStringLiteral("Service //App/Service -on queue-> Queue dbo.AppQueue"),
                   QStringLiteral("Service //App/Service -accepts-> Contract //App/Contract"),
                   QStringLiteral("Service //App/Service -accepts-> Contract DEFAULT"),
                   QStringLiteral("Service http://schemas.microsoft.com/SQL/Notifications/QueryNotificationService -on queue-> Queue sys.QueryNotificationErrorsQueue"),
                   QStringLiteral("Contract DEFAULT -message \"SENT BY ANY\"-> MessageType DEFAULT"),
                   QStringLiteral("Contract //App/Contract -message \"SENT BY INITIATOR\"-> MessageType //App/Msg")});

    QTest::newRow("empty catalog") << BrokerCatalog() << false << QStringList() << QStringList();
}

void TestGraphBuilder::nodesAndEdges()
{
    QFETCH(BrokerCatalog, catalog);
    QFETCH(bool, showSystem);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, edges);

    GraphBuilder builder;
    builder.setShowSystemObjects(showSystem);
    const BrokerGraph g = builder.build(catalog);
    QCOMPARE(printNodes(g), nodes);
    QCOMPARE(printEdges(g), edges);
    for (const GraphNode &n : g.nodes())
        QCOMPARE(n.isSystem && !showSystem, false);
}

void TestGraphBuilder::sampleHealthFromCatalog()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    QStringList unhealthy;
    for (const GraphNode &n : g.nodes()) {
        if (n.health != NodeHealth::Normal) {
            unhealthy.append(nodeText(n) + (n.health == NodeHealth::Error ? QStringLiteral(" error") : QStringLiteral(" warning")));
            QVERIFY(!n.healthReason.isEmpty());
        }
    }
    QCOMPARE(unhealthy, QStringList{QStringLiteral("Queue dbo.AuditQueue error")});

    const BrokerGraph shared = GraphBuilder().build(fixtures::sharedQueue());
    const int proc = shared.indexOf({ObjectKind::ActivationProcedure, 100});
    QVERIFY(proc >= 0);
    QCOMPARE(shared.nodes().at(proc).health, NodeHealth::Warning);
    QCOMPARE(shared.nodes().at(shared.indexOf({ObjectKind::Queue, 100})).health, NodeHealth::Warning);
}

void TestGraphBuilder::lookupByRef()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    const int queue = g.indexOf({ObjectKind::Queue, 1141579105});
    QVERIFY(queue >= 0);
    QCOMPARE(g.nodes().at(queue).name, QStringLiteral("dbo.AuditQueue"));
    // The route's ref finds the route node; the remote service node reports the same route.
    const int route = g.indexOf({ObjectKind::Route, 65536});
    QCOMPARE(g.nodes().at(route).kind, GraphNodeKind::Route);
    const int remote = g.remoteServiceIndex(QStringLiteral("//Fabrikam/Billing/Service"));
    QVERIFY(remote >= 0);
    QCOMPARE(g.nodes().at(remote).ref, (ObjectRef{ObjectKind::Route, 65536}));
    QCOMPARE(g.indexOf({ObjectKind::Service, 424242}), -1);
    QCOMPARE(g.edgesOf(queue).size(), 2); // its service and its activation procedure
}

void TestGraphBuilder::factsForTooltips()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    const GraphNode &audit = g.nodes().at(g.indexOf({ObjectKind::Queue, 1141579105}));
    QVERIFY(audit.facts.contains(std::pair(QStringLiteral("Receive"), QStringLiteral("OFF"))));
    QVERIFY(audit.facts.contains(std::pair(QStringLiteral("EXECUTE AS"), QStringLiteral("OWNER"))));
    QVERIFY(audit.caption.contains(QStringLiteral("RECEIVE DISABLED")));
    const GraphNode &route = g.nodes().at(g.indexOf({ObjectKind::Route, 1}));
    QVERIFY(route.facts.contains(std::pair(QStringLiteral("SERVICE_NAME"), QStringLiteral("(any service)"))));
}

// The shipped stuck-transmission scenario has a route to a billing service on another server:
// the simulated database shows it like a real one, route and remote service with their link.
void TestGraphBuilder::simulatedRouteToAnotherBroker()
{
    QString error;
    const auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/stuck-transmission.json"), &error);
    QVERIFY2(scenario, qPrintable(error));
    const BrokerCatalog &c = scenario->catalog;
    QCOMPARE(c.remoteServiceBindings.size(), 1);
    const BrokerGraph g = GraphBuilder().build(c);
    const Route *billing = nullptr;
    for (const Route &r : c.routes) {
        if (r.name == QLatin1String("BillingRoute"))
            billing = &r;
    }
    QVERIFY(billing);
    const int route = g.indexOf({ObjectKind::Route, billing->id});
    QVERIFY(route >= 0);
    QCOMPARE(g.nodes().at(route).kind, GraphNodeKind::Route);
    const int remote = g.remoteServiceIndex(QStringLiteral("//Fabrikam/Billing/Service"));
    QVERIFY(remote >= 0);
    bool linked = false;
    for (const GraphEdge &e : g.edges())
        linked = linked || (e.from == route && e.to == remote);
    QVERIFY(linked);
}

QTEST_GUILESS_MAIN(TestGraphBuilder)
#include "tst_graphbuilder.moc"

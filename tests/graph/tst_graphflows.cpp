// Conversation flows and health-check findings on the graph (issue 15): who talks to whom from
// the endpoints of a sample, red where endpoints leak, and a badge with the number of findings.
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphedgeitem.h"
#include "ui/graph/graphnodeitem.h"

#include "core/samplecatalog.h"
#include "data/sim/simbrokersource.h"
#include "graph/conversationflow.h"
#include "graph/graphbuilder.h"

#include <QAction>
#include <QDir>
#include <QLayout>
#include <QSignalSpy>
#include <QToolBar>
#include <QTest>

#include <memory>

using namespace bs;

namespace {
const QString OrdersInitiator = QStringLiteral("//Contoso/Orders/Initiator");
const QString OrdersTarget = QStringLiteral("//Contoso/Orders/Target");
const QString AuditSender = QStringLiteral("//Contoso/Audit/Sender");
const QString AuditReceiver = QStringLiteral("//Contoso/Audit/Receiver");
const ObjectRef OrdersTargetQueue{ObjectKind::Queue, 1077578877};
const ObjectRef OrdersInitiatorService{ObjectKind::Service, 65536};

EndpointGroup group(EndpointState state, const QString &local, const QString &far, bool initiator, qint64 count,
                    qint64 neverExpiring = 0, qint64 closedUnset = 0)
{
    EndpointGroup g;
    g.state = state;
    g.localService = local;
    g.farService = far;
    g.isInitiator = initiator;
    g.count = count;
    g.neverExpiring = neverExpiring;
    g.closedWithUnsetSecurityTimestamp = closedUnset;
    return g;
}

QList<GraphEdgeItem *> flowItems(const BrokerGraphView *view)
{
    QList<GraphEdgeItem *> result;
    for (GraphEdgeItem *item : view->edgeItems()) {
        if (item->edge().kind == GraphEdgeKind::Conversation)
            result.append(item);
    }
    return result;
}

GraphEdgeItem *flowItem(const BrokerGraphView *view, const QString &from, const QString &to)
{
    for (GraphEdgeItem *item : flowItems(view)) {
        const GraphEdge &e = item->edge();
        if (view->graph().nodes().at(e.from).name == from && view->graph().nodes().at(e.to).name == to)
            return item;
    }
    return nullptr;
}

HealthFinding finding(HealthSeverity severity, const QString &title, const QList<ObjectRef> &objects, bool cannotSee = false)
{
    HealthFinding f;
    f.ruleId = QStringLiteral("test-rule");
    f.severity = severity;
    f.title = title;
    f.objects = objects;
    f.cannotSee = cannotSee;
    return f;
}
} // namespace

class TestGraphFlows : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void flowsJoinBothSides();
    void leakAttribution_data();
    void leakAttribution();
    void builderAddsFlowEdgesAndFarServices();
    void viewUpdatesFiguresInPlace();
    void newPairLaysOutAgain();
    void switchHidesFlows();
    void findingBadges();
    void demoShowsWhoTalksToWhom();

private:
    void showSample(const QList<ConversationFlow> &flows);
    BrokerGraphPage *m_page = nullptr;
    BrokerGraphView *m_view = nullptr;
};

void TestGraphFlows::init()
{
    m_page = new BrokerGraphPage;
    m_page->resize(1500, 900);
    m_view = m_page->view();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestGraphFlows::cleanup()
{
    QTRY_VERIFY(!m_view->isLayoutRunning());
    delete m_page;
    m_page = nullptr;
}

void TestGraphFlows::showSample(const QList<ConversationFlow> &flows)
{
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setConversationFlows(flows);
    m_view->setCatalog(sampleCatalog());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && !m_view->isLayoutRunning(), 15000);
    QCOMPARE(finished.constLast().at(0).toBool(), true);
}

void TestGraphFlows::flowsJoinBothSides()
{
    // Both services local: sys.conversation_endpoints has a row per side; one flow, both counted.
    const QList<ConversationFlow> flows = conversationFlows({
        group(EndpointState::CO, AuditSender, AuditReceiver, true, 7),
        group(EndpointState::CO, AuditReceiver, AuditSender, false, 5),
        group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 4),
        group(EndpointState::SO, OrdersInitiator, OrdersTarget, true, 0), // an empty group draws nothing more
    });
    QCOMPARE(flows.size(), 2);
    // Sorted by initiator: the same endpoints always give the same list (and the same drawing).
    QCOMPARE(flows.at(0).initiatorService, AuditSender);
    QCOMPARE(flows.at(0).targetService, AuditReceiver);
    QCOMPARE(flows.at(0).endpoints, 12);
    QCOMPARE(flows.at(0).initiatorEndpoints, 7);
    QCOMPARE(flows.at(0).targetEndpoints, 5);
    QCOMPARE(flows.at(0).label(), QStringLiteral("12 endpoints"));
    QCOMPARE(flows.at(1).initiatorService, OrdersInitiator);
    QCOMPARE(flows.at(1).endpoints, 4);

    QList<ConversationFlow> changed = flows;
    changed[0].endpoints = 99;
    QVERIFY(sameFlowPairs(flows, changed));
    changed.removeLast();
    QVERIFY(!sameFlowPairs(flows, changed));
}

void TestGraphFlows::leakAttribution_data()
{
    QTest::addColumn<EndpointGroup>("endpoints");
    QTest::addColumn<bool>("leaking");
    QTest::addColumn<QString>("label");

    // Fire-and-forget: CLOSED, security timestamp unset, lifetime 68 years away.
    QTest::newRow("fire-and-forget") << group(EndpointState::CD, AuditReceiver, AuditSender, false, 2500, 2500, 2500)
                                     << true << QStringLiteral("2,500 endpoints · 2,500 leaked");
    // Windowed fire-and-forget: CLOSED and unset too, but a short LIFETIME reclaims them.
    QTest::newRow("windowed") << group(EndpointState::CD, AuditReceiver, AuditSender, false, 5000, 0, 5000) << false
                              << QStringLiteral("5,000 endpoints");
    // A target that never ends: the initiator's side waits in DISCONNECTED_OUTBOUND for ever.
    QTest::newRow("stranded") << group(EndpointState::DO, AuditSender, AuditReceiver, true, 40, 40) << true
                              << QStringLiteral("40 endpoints · 40 stranded");
    // Keep-firing: a few conversations open for good, by design.
    QTest::newRow("keep-firing") << group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 4, 4) << false
                                 << QStringLiteral("4 endpoints");
    QTest::newRow("one") << group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 1) << false
                         << QStringLiteral("1 endpoint");
}

void TestGraphFlows::leakAttribution()
{
    QFETCH(EndpointGroup, endpoints);
    QFETCH(bool, leaking);
    QFETCH(QString, label);
    const QList<ConversationFlow> flows = conversationFlows({endpoints});
    QCOMPARE(flows.size(), 1);
    QCOMPARE(flows.first().isLeaking(), leaking);
    QCOMPARE(flows.first().label(), label);
    QCOMPARE(flows.first().description().contains(QStringLiteral("Leaking")), leaking);
}

void TestGraphFlows::builderAddsFlowEdgesAndFarServices()
{
    GraphBuilder builder;
    const BrokerGraph plain = builder.build(sampleCatalog());
    builder.setConversationFlows(conversationFlows({
        group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 10),
        group(EndpointState::CD, AuditReceiver, QStringLiteral("//Partner/Ledger ] ' ü"), false, 3, 3, 3),
        group(EndpointState::CO, AuditSender, QStringLiteral("SqlQueryNotificationService-0b6f"), true, 2),
    }));
    const BrokerGraph g = builder.build(sampleCatalog());
    // Two far services that are neither local nor behind a route get nodes of their own.
    QCOMPARE(g.nodeCount(), plain.nodeCount() + 2);
    QCOMPARE(g.edgeCount(), plain.edgeCount() + 3);
    const int far = g.remoteServiceIndex(QStringLiteral("//Partner/Ledger ] ' ü"));
    QVERIFY(far >= 0);
    QCOMPARE(g.nodes().at(far).kind, GraphNodeKind::RemoteService);
    QVERIFY(g.nodes().at(far).caption.contains(QStringLiteral("seen in conversations")));

    int leaking = 0;
    for (const GraphEdge &e : g.edges()) {
        if (e.kind != GraphEdgeKind::Conversation)
            continue;
        QVERIFY(!e.toolTip.isEmpty());
        if (e.health == NodeHealth::Error) {
            ++leaking;
            // A target-side row: the far service began the dialog, the Audit receiver is its target and
            // closed without a security timestamp.
            QCOMPARE(e.from, far);
            QCOMPARE(g.nodes().at(e.to).name, AuditReceiver);
        }
    }
    QCOMPARE(leaking, 1);
}

void TestGraphFlows::viewUpdatesFiguresInPlace()
{
    showSample(conversationFlows({group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 10)}));
    GraphEdgeItem *item = flowItem(m_view, OrdersInitiator, OrdersTarget);
    QVERIFY(item);
    QCOMPARE(item->edge().label, QStringLiteral("10 endpoints"));
    QCOMPARE(item->edge().health, NodeHealth::Normal);

    // The same pair with other figures: no new layout, the edge changes where it is.
    QSignalSpy started(m_view, &BrokerGraphView::layoutStarted);
    m_view->setConversationFlows(
        conversationFlows({group(EndpointState::CD, OrdersInitiator, OrdersTarget, true, 12000, 12000, 11000)}));
    QVERIFY(!m_view->isLayoutRunning());
    QCOMPARE(started.count(), 0);
    QCOMPARE(flowItem(m_view, OrdersInitiator, OrdersTarget), item);
    QCOMPARE(item->edge().label, QStringLiteral("12,000 endpoints · 11,000 leaked"));
    QCOMPARE(item->edge().health, NodeHealth::Error);
    QVERIFY(item->edge().toolTip.contains(QStringLiteral("fire-and-forget")));
    QVERIFY(item->boundingRect().width() > 0);
}

void TestGraphFlows::newPairLaysOutAgain()
{
    showSample(conversationFlows({group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 10)}));
    QCOMPARE(flowItems(m_view).size(), 1);
    QVERIFY(m_view->selectObject(OrdersTargetQueue));

    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    // Several samples while the layout runs: the pairs of the last one are drawn.
    m_view->setConversationFlows(conversationFlows({
        group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 10),
        group(EndpointState::CO, AuditSender, AuditReceiver, true, 1),
    }));
    QVERIFY(m_view->isLayoutRunning());
    m_view->setConversationFlows(conversationFlows({
        group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 11),
        group(EndpointState::CO, AuditSender, AuditReceiver, true, 2),
        group(EndpointState::CO, AuditSender, OrdersTarget, true, 3),
    }));
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isLayoutRunning() && !finished.isEmpty(), 15000);
    QCOMPARE(flowItems(m_view).size(), 3);
    QCOMPARE(flowItem(m_view, OrdersInitiator, OrdersTarget)->edge().label, QStringLiteral("11 endpoints"));
    QVERIFY(flowItem(m_view, AuditSender, OrdersTarget));
    // A new drawing keeps the user's selection.
    QCOMPARE(m_view->selectedObject(), OrdersTargetQueue);
}

void TestGraphFlows::switchHidesFlows()
{
    showSample(conversationFlows({group(EndpointState::CO, OrdersInitiator, OrdersTarget, true, 10)}));
    QAction *action = m_view->conversationFlowsAction();
    QVERIFY(action->isCheckable());
    QVERIFY(action->isChecked());
    QVERIFY(m_page->toolBar()->actions().contains(action));
    QVERIFY(!action->toolTip().isEmpty());

    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    action->trigger();
    QVERIFY(finished.wait(15000));
    QVERIFY(!m_view->showConversationFlows());
    QVERIFY(flowItems(m_view).isEmpty());
    // Samples keep coming while hidden: nothing is laid out for them.
    QSignalSpy started(m_view, &BrokerGraphView::layoutStarted);
    m_view->setConversationFlows(conversationFlows({group(EndpointState::CO, AuditSender, AuditReceiver, true, 1)}));
    QCOMPARE(started.count(), 0);
    action->trigger();
    QVERIFY(finished.wait(15000));
    QCOMPARE(flowItems(m_view).size(), 1);
    QVERIFY(flowItem(m_view, AuditSender, AuditReceiver));
}

void TestGraphFlows::findingBadges()
{
    showSample({});
    m_view->setFindings({
        finding(HealthSeverity::Warning, QStringLiteral("Activation is OFF on a queue that has a procedure"), {OrdersTargetQueue}),
        finding(HealthSeverity::Error, QStringLiteral("Fire-and-forget in [dbo].[Orders_Send]"),
                {OrdersTargetQueue, OrdersInitiatorService}),
        finding(HealthSeverity::Advice, QStringLiteral("cannot see module text"), {OrdersInitiatorService}, true),
    });
    GraphNodeItem *queue = m_view->nodeItem(OrdersTargetQueue);
    GraphNodeItem *service = m_view->nodeItem(OrdersInitiatorService);
    QCOMPARE(queue->findingCount(), 2);
    QCOMPARE(service->findingCount(), 1); // "cannot see" is no finding about the object
    QVERIFY(queue->toolTipHtml().contains(QStringLiteral("2 finding(s)")));
    QVERIFY(queue->toolTipHtml().contains(QStringLiteral("Fire-and-forget in [dbo].[Orders_Send]")));

    // The badge is drawn: the picture differs from one without findings.
    const QImage with = m_view->renderImage(1.0);
    // Badges survive a new layout; an empty list removes them.
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(sampleCatalog());
    QVERIFY(finished.wait(15000));
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->findingCount(), 2);
    m_view->setFindings({});
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->findingCount(), 0);
    const QImage without = m_view->renderImage(1.0);
    QCOMPARE(with.size(), without.size());
    QVERIFY(with != without);
}

void TestGraphFlows::demoShowsWhoTalksToWhom()
{
    // The demo simulation end to end: its samples' endpoints become the flows of its graph.
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QVERIFY(source);
    source->setSpeed(SimBrokerSource::MaxSpeed);
    QSignalSpy loaded(source.get(), &BrokerSource::catalogLoaded);
    source->loadCatalog();
    QVERIFY(loaded.wait(5000));
    m_view->setCatalog(loaded.first().first().value<BrokerCatalog>());
    connect(source.get(), &BrokerSource::sampleReady, m_view,
            [this](const MonitorSample &s) { m_view->setConversationFlows(conversationFlows(s.endpoints)); });
    source->startSampling(100000); // 100 simulated seconds: 0.1 s of wall time at 1000x

    const auto flowsReady = [this] {
        return !m_view->isLayoutRunning() && flowItem(m_view, u"//BrokerStudio/Audit/Initiator"_qs, u"//BrokerStudio/Audit/Target"_qs)
               && flowItem(m_view, u"//BrokerStudio/Naive/Initiator"_qs, u"//BrokerStudio/Naive/Target"_qs)
               && flowItem(m_view, u"//BrokerStudio/Orders/Initiator"_qs, u"//BrokerStudio/Orders/Target"_qs);
    };
    QTRY_VERIFY_WITH_TIMEOUT(flowsReady(), 20000);
    const auto leaking = [this](const char *pair) {
        const QString i = QStringLiteral("//BrokerStudio/%1/Initiator").arg(QLatin1String(pair));
        const QString t = QStringLiteral("//BrokerStudio/%1/Target").arg(QLatin1String(pair));
        return flowItem(m_view, i, t)->edge().health == NodeHealth::Error;
    };
    // The fire-and-forget pair and the never-ending pair leak; the keep-firing pair does not.
    QTRY_VERIFY_WITH_TIMEOUT(leaking("Audit") && leaking("Naive"), 20000);
    QVERIFY(!leaking("Orders"));
    source->stopSampling();

    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    m_view->fitToView();
    m_page->layout()->activate();
    QVERIFY(m_page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/graphflows-demo.png")));
}

QTEST_MAIN(TestGraphFlows)
#include "tst_graphflows.moc"

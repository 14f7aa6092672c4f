#include "graph/graphbuilder.h"
#include "graph/graphlayouter.h"
#include "graph/graphpartitioner.h"

#include "core/samplecatalog.h"
#include "fixturecatalogs.h"
#include "syntheticcatalog.h"

#include <QHashSeed>
#include <QTest>

#include <cmath>

using namespace bs;

Q_DECLARE_METATYPE(bs::GraphLayouter::Engine)

namespace {

// Stand-ins for the sizes the view measures with its font: wide for long names.
QList<QSizeF> nodeSizes(const BrokerGraph &g)
{
    QList<QSizeF> sizes;
    for (const GraphNode &n : g.nodes())
        sizes.append(QSizeF(60 + 6.5 * qMin<qsizetype>(n.name.size(), 48), 44));
    return sizes;
}

QList<QSizeF> labelSizes(const BrokerGraph &g)
{
    QList<QSizeF> sizes;
    for (const GraphEdge &e : g.edges())
        sizes.append(e.label.isEmpty() ? QSizeF() : QSizeF(6 * e.label.size(), 14));
    return sizes;
}

QRectF nodeRect(const GraphLayout &layout, const QList<QSizeF> &sizes, int i)
{
    QRectF r(QPointF(), sizes.at(i));
    r.moveCenter(layout.nodeCenters.at(i));
    return r;
}

// A reference is drawn the size of the node it stands for.
QRectF referenceRect(const GraphLayout &layout, const QList<QSizeF> &sizes, int r)
{
    QRectF rect(QPointF(), sizes.at(layout.references.at(r).node));
    rect.moveCenter(layout.references.at(r).center);
    return rect;
}

// Every object of application `app` of syntheticCatalog() has its number in its name.
bool inApp(const GraphNode &n, int app)
{
    const QString number = QString::number(app);
    return n.name.contains(QStringLiteral("/App") + number + QLatin1Char('/'))
           || n.name.contains(QStringLiteral(".App") + number + QStringLiteral("Target"))
           || n.name.contains(QStringLiteral("[App") + number + QStringLiteral("_Receive]"));
}

} // namespace

class TestGraphLayouter : public QObject
{
    Q_OBJECT
private slots:
    void layout_data();
    void layout();
    void sameInputSamePicture();
    void largeComponentSamePicture();
    void largeComponentSplitByApplication();
    void partsOfAChainWithoutHubs();
    void leftToRight();
    void labelsClearOfNodes();
    void mismatchedSizesAreAnError();
};

void TestGraphLayouter::layout_data()
{
    QTest::addColumn<BrokerCatalog>("catalog");
    QTest::addColumn<GraphLayouter::Engine>("engine");
    QTest::addColumn<QString>("engineName");
    QTest::addColumn<int>("groups");

    QTest::newRow("sample") << sampleCatalog() << GraphLayouter::Engine::Automatic << QStringLiteral("dot") << 0;
    QTest::newRow("shared contract") << fixtures::sharedContract() << GraphLayouter::Engine::Automatic << QStringLiteral("dot") << 0;
    QTest::newRow("shared queue") << fixtures::sharedQueue() << GraphLayouter::Engine::Automatic << QStringLiteral("dot") << 0;
    QTest::newRow("odd names") << fixtures::oddNames() << GraphLayouter::Engine::Automatic << QStringLiteral("dot") << 0;
    QTest::newRow("synthetic 300 dot") << syntheticCatalog(300) << GraphLayouter::Engine::Dot << QStringLiteral("dot") << 0;
    QTest::newRow("synthetic 300 sfdp") << syntheticCatalog(300) << GraphLayouter::Engine::Sfdp << QStringLiteral("sfdp") << 0;
    QTest::newRow("sample sfdp") << sampleCatalog() << GraphLayouter::Engine::Sfdp << QStringLiteral("sfdp") << 0;
    // Above SplitNodeLimit nodes in one component: laid out in parts, with references.
    QTest::newRow("synthetic 1500 connected, split") << syntheticCatalog(1500, true) << GraphLayouter::Engine::Automatic
                                                     << QStringLiteral("dot") << 1;
}

void TestGraphLayouter::layout()
{
    QFETCH(BrokerCatalog, catalog);
    QFETCH(GraphLayouter::Engine, engine);
    QFETCH(QString, engineName);
    QFETCH(int, groups);

    const BrokerGraph g = GraphBuilder().build(catalog);
    const QList<QSizeF> sizes = nodeSizes(g);
    const GraphLayout l = GraphLayouter::layout(g, sizes, labelSizes(g), engine);
    QVERIFY2(l.ok, qPrintable(l.error));
    QCOMPARE(l.engine, engineName);
    QCOMPARE(l.nodeCenters.size(), g.nodeCount());
    QCOMPARE(l.edges.size(), g.edgeCount());
    QCOMPARE(l.groups.size(), groups);
    QCOMPARE(l.references.isEmpty(), groups == 0);

    // Every node and reference has a finite position inside the drawing.
    QList<QRectF> boxes;
    QStringList names;
    for (int i = 0; i < g.nodeCount(); ++i) {
        boxes.append(nodeRect(l, sizes, i));
        names.append(g.nodes().at(i).name);
    }
    for (int r = 0; r < l.references.size(); ++r) {
        boxes.append(referenceRect(l, sizes, r));
        names.append(QStringLiteral("reference to ") + g.nodes().at(l.references.at(r).node).name);
    }
    const QRectF inside = l.bounds.adjusted(-1, -1, 1, 1);
    for (int i = 0; i < boxes.size(); ++i) {
        const QPointF c = boxes.at(i).center();
        QVERIFY(std::isfinite(c.x()) && std::isfinite(c.y()));
        QVERIFY2(inside.contains(boxes.at(i)), qPrintable(names.at(i)));
    }
    // No two boxes overlap (half a point of rounding allowed).
    for (int i = 0; i < boxes.size(); ++i) {
        const QRectF a = boxes.at(i).adjusted(0.5, 0.5, -0.5, -0.5);
        for (int j = i + 1; j < boxes.size(); ++j) {
            if (a.intersects(boxes.at(j)))
                QFAIL(qPrintable(QStringLiteral("%1 overlaps %2").arg(names.at(i), names.at(j))));
        }
    }
    // Edges leave their source and end at their target (or the reference standing in for one
    // of them), so the y flip is right.
    for (int e = 0; e < g.edgeCount(); ++e) {
        const EdgeRoute &r = l.edges.at(e);
        QVERIFY(r.path.size() >= 2);
        const GraphEdge &edge = g.edges().at(e);
        const int foreign = r.reference >= 0 ? l.references.at(r.reference).node : -1;
        QVERIFY(r.reference < 0 || foreign == edge.from || foreign == edge.to);
        const QRectF from = foreign == edge.from ? referenceRect(l, sizes, r.reference) : nodeRect(l, sizes, edge.from);
        const QRectF to = foreign == edge.to ? referenceRect(l, sizes, r.reference) : nodeRect(l, sizes, edge.to);
        QVERIFY(from.adjusted(-3, -3, 3, 3).contains(r.path.constFirst()));
        const QPointF end = r.hasArrow ? r.arrowTip : r.path.constLast();
        QVERIFY(to.adjusted(-3, -3, 3, 3).contains(end));
    }
    // Each group frame holds the nodes it counts.
    int grouped = 0;
    for (const LayoutGroup &group : l.groups) {
        for (int i = 0; i < g.nodeCount(); ++i)
            grouped += group.frame.contains(nodeRect(l, sizes, i)) ? 1 : 0;
        QVERIFY(group.partCount > 1);
    }
    int counted = 0;
    for (const LayoutGroup &group : l.groups)
        counted += group.nodeCount;
    QCOMPARE(grouped, counted);
}

void TestGraphLayouter::sameInputSamePicture()
{
    for (const BrokerCatalog &catalog : {sampleCatalog(), syntheticCatalog(120)}) {
        const BrokerGraph g = GraphBuilder().build(catalog);
        for (auto engine : {GraphLayouter::Engine::Dot, GraphLayouter::Engine::Sfdp}) {
            const GraphLayout first = GraphLayouter::layout(g, nodeSizes(g), labelSizes(g), engine);
            const GraphLayout second = GraphLayouter::layout(g, nodeSizes(g), labelSizes(g), engine);
            QVERIFY(first.ok);
            QCOMPARE(second.nodeCenters, first.nodeCenters);
            QCOMPARE(second.edges, first.edges);
            QCOMPARE(second.bounds, first.bounds);
        }
    }
}

void TestGraphLayouter::largeComponentSamePicture()
{
    // sfdp, which used to lay out components this large, drew them differently on each run.
    const BrokerGraph g = GraphBuilder().build(syntheticCatalog(2000, true));
    const GraphLayout first = GraphLayouter::layout(g, nodeSizes(g), labelSizes(g));
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.groups.size(), 1); // the split path is what this checks
    QVERIFY(first.groups.constFirst().nodeCount > SplitNodeLimit);
    // Another layout in between must not leave state behind in Graphviz, and nothing may depend
    // on the order of a hash (its seed differs from process to process).
    QHashSeed::resetRandomGlobalSeed();
    const BrokerGraph other = GraphBuilder().build(syntheticCatalog(700, true));
    QVERIFY(GraphLayouter::layout(other, nodeSizes(other), labelSizes(other), GraphLayouter::Engine::Sfdp).ok);
    const GraphLayout second = GraphLayouter::layout(g, nodeSizes(g), labelSizes(g));
    QVERIFY(second.ok);
    for (int i = 0; i < g.nodeCount(); ++i)
        QVERIFY2(second.nodeCenters.at(i) == first.nodeCenters.at(i), qPrintable(g.nodes().at(i).name));
    QCOMPARE(second.edges, first.edges);
    QCOMPARE(second.references, first.references);
    QCOMPARE(second.groups, first.groups);
    QCOMPARE(second.bounds, first.bounds);
}

void TestGraphLayouter::largeComponentSplitByApplication()
{
    // Every target accepts application 0's contract: one component, held together by that hub.
    const BrokerGraph g = GraphBuilder().build(syntheticCatalog(2000, true));
    int hub = -1;
    for (int i = 0; i < g.nodeCount(); ++i) {
        if (g.nodes().at(i).name == QStringLiteral("//Synthetic/App0/Contract"))
            hub = i;
    }
    QVERIFY(hub >= 0);
    QList<int> nodes;
    for (int i = 0; i < g.nodeCount(); ++i) {
        if (!g.edgesOf(i).isEmpty())
            nodes.append(i);
    }
    QList<int> edges;
    for (int e = 0; e < g.edgeCount(); ++e)
        edges.append(e);
    // (The isolated pieces of the catalog are split along with it; they are parts of their own.)
    const QList<QList<int>> parts = GraphPartitioner::split(g, nodes, edges, 40);
    QList<int> partOf(g.nodeCount(), -1);
    for (int p = 0; p < parts.size(); ++p) {
        QVERIFY(parts.at(p).size() <= 40);
        for (int i : parts.at(p)) {
            QCOMPARE(partOf.at(i), -1);
            partOf[i] = p;
        }
    }
    for (int i : std::as_const(nodes))
        QVERIFY(partOf.at(i) >= 0);
    // Only the hub's ties to other applications cross parts; the hub stays with its own
    // application (its message types, its target service and queue).
    for (const GraphEdge &e : g.edges()) {
        if (partOf.at(e.from) != partOf.at(e.to))
            QCOMPARE(e.to, hub);
    }
    int together = 0;
    for (int i : std::as_const(nodes)) {
        const GraphNode &n = g.nodes().at(i);
        if (n.kind != GraphNodeKind::Route && n.kind != GraphNodeKind::RemoteService
            && !n.name.contains(QLatin1String("Initiator")) && inApp(n, 0)) {
            QVERIFY2(partOf.at(i) == partOf.at(hub), qPrintable(n.name));
            ++together;
        }
    }
    // Its two message types, the contract, the target service, its queue and procedure.
    QCOMPARE(together, 6);
    // The same input gives the same parts.
    QCOMPARE(GraphPartitioner::split(g, nodes, edges, 40), parts);
}

void TestGraphLayouter::partsOfAChainWithoutHubs()
{
    // Services in a row, each talking to the next: no hub to cut at, so the chain is cut in
    // breadth-first order into pieces of at most the limit.
    BrokerGraph g;
    QList<int> nodes;
    QList<int> edges;
    for (int i = 0; i < 10; ++i) {
        GraphNode n;
        n.ref = {ObjectKind::Service, 100 + i};
        n.name = QStringLiteral("s%1").arg(i);
        nodes.append(g.addNode(n));
        if (i > 0) {
            g.addEdge({i - 1, i, GraphEdgeKind::Conversation, {}, true, NodeHealth::Normal, {}});
            edges.append(i - 1);
        }
    }
    const QList<QList<int>> parts = GraphPartitioner::split(g, nodes, edges, 4);
    const QList<QList<int>> expected = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}};
    QCOMPARE(parts, expected);
}

void TestGraphLayouter::leftToRight()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    const GraphLayout l = GraphLayouter::layout(g, nodeSizes(g));
    QVERIFY(l.ok);
    for (const GraphEdge &e : g.edges())
        QVERIFY(l.nodeCenters.at(e.from).x() < l.nodeCenters.at(e.to).x());
}

void TestGraphLayouter::labelsClearOfNodes()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    const QList<QSizeF> sizes = nodeSizes(g);
    const QList<QSizeF> labels = labelSizes(g);
    const GraphLayout l = GraphLayouter::layout(g, sizes, labels);
    QVERIFY(l.ok);
    int labelled = 0;
    for (int e = 0; e < g.edgeCount(); ++e) {
        QCOMPARE(l.edges.at(e).hasLabel, !labels.at(e).isEmpty());
        if (!l.edges.at(e).hasLabel)
            continue;
        ++labelled;
        QRectF label(QPointF(), labels.at(e));
        label.moveCenter(l.edges.at(e).labelCenter);
        label.adjust(1, 1, -1, -1);
        for (int n = 0; n < g.nodeCount(); ++n)
            QVERIFY(!label.intersects(nodeRect(l, sizes, n)));
    }
    QCOMPARE(labelled, 5);
}

void TestGraphLayouter::mismatchedSizesAreAnError()
{
    const BrokerGraph g = GraphBuilder().build(sampleCatalog());
    const GraphLayout l = GraphLayouter::layout(g, {});
    QVERIFY(!l.ok);
    QVERIFY(!l.error.isEmpty());
}

QTEST_GUILESS_MAIN(TestGraphLayouter)
#include "tst_graphlayouter.moc"

#include "graph/graphbuilder.h"
#include "graph/graphlayouter.h"

#include "core/samplecatalog.h"
#include "fixturecatalogs.h"
#include "syntheticcatalog.h"

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

} // namespace

class TestGraphLayouter : public QObject
{
    Q_OBJECT
private slots:
    void layout_data();
    void layout();
    void sameInputSamePicture();
    void leftToRight();
    void labelsClearOfNodes();
    void engineThreshold();
    void mismatchedSizesAreAnError();
};

void TestGraphLayouter::layout_data()
{
    QTest::addColumn<BrokerCatalog>("catalog");
    QTest::addColumn<GraphLayouter::Engine>("engine");
    QTest::addColumn<QString>("engineName");

    QTest::newRow("sample") << sampleCatalog() << GraphLayouter::Engine::Automatic << QStringLiteral("dot");
    QTest::newRow("shared contract") << fixtures::sharedContract() << GraphLayouter::Engine::Automatic << QStringLiteral("dot");
    QTest::newRow("shared queue") << fixtures::sharedQueue() << GraphLayouter::Engine::Automatic << QStringLiteral("dot");
    QTest::newRow("odd names") << fixtures::oddNames() << GraphLayouter::Engine::Automatic << QStringLiteral("dot");
    QTest::newRow("synthetic 300 dot") << syntheticCatalog(300) << GraphLayouter::Engine::Dot << QStringLiteral("dot");
    QTest::newRow("synthetic 300 sfdp") << syntheticCatalog(300) << GraphLayouter::Engine::Sfdp << QStringLiteral("sfdp");
    QTest::newRow("sample sfdp") << sampleCatalog() << GraphLayouter::Engine::Sfdp << QStringLiteral("sfdp");
}

void TestGraphLayouter::layout()
{
    QFETCH(BrokerCatalog, catalog);
    QFETCH(GraphLayouter::Engine, engine);
    QFETCH(QString, engineName);

    const BrokerGraph g = GraphBuilder().build(catalog);
    const QList<QSizeF> sizes = nodeSizes(g);
    const GraphLayout l = GraphLayouter::layout(g, sizes, labelSizes(g), engine);
    QVERIFY2(l.ok, qPrintable(l.error));
    QCOMPARE(l.engine, engineName);
    QCOMPARE(l.nodeCenters.size(), g.nodeCount());
    QCOMPARE(l.edges.size(), g.edgeCount());

    // Every node has a finite position inside the drawing.
    const QRectF inside = l.bounds.adjusted(-1, -1, 1, 1);
    for (int i = 0; i < g.nodeCount(); ++i) {
        const QPointF c = l.nodeCenters.at(i);
        QVERIFY(std::isfinite(c.x()) && std::isfinite(c.y()));
        QVERIFY2(inside.contains(nodeRect(l, sizes, i)), qPrintable(g.nodes().at(i).name));
    }
    // No two nodes overlap (half a point of rounding allowed).
    for (int i = 0; i < g.nodeCount(); ++i) {
        const QRectF a = nodeRect(l, sizes, i).adjusted(0.5, 0.5, -0.5, -0.5);
        for (int j = i + 1; j < g.nodeCount(); ++j) {
            if (a.intersects(nodeRect(l, sizes, j)))
                QFAIL(qPrintable(QStringLiteral("%1 overlaps %2").arg(g.nodes().at(i).name, g.nodes().at(j).name)));
        }
    }
    // Edges leave their source and end at their target, so the y flip is right.
    for (int e = 0; e < g.edgeCount(); ++e) {
        const EdgeRoute &r = l.edges.at(e);
        QVERIFY(r.path.size() >= 2);
        const GraphEdge &edge = g.edges().at(e);
        QVERIFY(nodeRect(l, sizes, edge.from).adjusted(-3, -3, 3, 3).contains(r.path.constFirst()));
        const QPointF end = r.hasArrow ? r.arrowTip : r.path.constLast();
        QVERIFY(nodeRect(l, sizes, edge.to).adjusted(-3, -3, 3, 3).contains(end));
    }
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

void TestGraphLayouter::engineThreshold()
{
    QCOMPARE(GraphLayouter::engineFor(10), GraphLayouter::Engine::Dot);
    QCOMPARE(GraphLayouter::engineFor(DotNodeLimit), GraphLayouter::Engine::Dot);
    QCOMPARE(GraphLayouter::engineFor(DotNodeLimit + 1), GraphLayouter::Engine::Sfdp);
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

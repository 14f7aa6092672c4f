// Build + layout + scene population of the broker graph for synthetic catalogs.
// Run as docs/performance.md says (section "Graph (bench_graph)").
#include "graph/graphbuilder.h"
#include "graph/graphlayouter.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphstyle.h"

#include "graph/syntheticcatalog.h"

#include <QElapsedTimer>
#include <QHashFunctions>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace bs;

class BenchGraph : public QObject
{
    Q_OBJECT
private slots:
    void build_data() { sizes(); }
    void build();
    void layout_data() { sizes(); }
    void layout();
    void endToEnd_data() { sizes(); }
    void endToEnd();
    void paint_data() { sizes(); }
    void paint();
    void pictures();

private:
    static void sizes();
};

void BenchGraph::sizes()
{
    QTest::addColumn<int>("objects");
    QTest::addColumn<bool>("connected");
    for (int n : {100, 1000, 5000, 20000})
        QTest::addRow("%d objects", n) << n << false;
    // One connected component: split into applications above SplitNodeLimit nodes.
    for (int n : {1000, 5000, 20000})
        QTest::addRow("%d objects connected", n) << n << true;
}

void BenchGraph::build()
{
    QFETCH(int, objects);
    QFETCH(bool, connected);
    const BrokerCatalog catalog = syntheticCatalog(objects, connected);
    int nodes = 0;
    QBENCHMARK {
        const BrokerGraph g = GraphBuilder().build(catalog);
        QList<QSizeF> sizes;
        for (const GraphNode &n : g.nodes())
            sizes.append(GraphStyle::measure(n).size);
        nodes = g.nodeCount();
    }
    QVERIFY(nodes > objects);
}

void BenchGraph::layout()
{
    QFETCH(int, objects);
    QFETCH(bool, connected);
    const BrokerGraph g = GraphBuilder().build(syntheticCatalog(objects, connected));
    QList<QSizeF> sizes;
    for (const GraphNode &n : g.nodes())
        sizes.append(GraphStyle::measure(n).size);
    QList<QSizeF> labels;
    for (const GraphEdge &e : g.edges())
        labels.append(GraphStyle::edgeLabelSize(e.label));
    GraphLayout result;
    QBENCHMARK {
        result = GraphLayouter::layout(g, sizes, labels);
    }
    QVERIFY2(result.ok, qPrintable(result.error));
    int parts = 0;
    for (const LayoutGroup &group : result.groups)
        parts += group.partCount;
    // A fingerprint of every position: equal from run to run (and process to process) when the
    // drawing is stable. qHashBits with a fixed seed, not the per-process one.
    const size_t positions = qHashBits(result.nodeCenters.constData(), size_t(result.nodeCenters.size()) * sizeof(QPointF), 0);
    qInfo("%d objects: %d nodes, %d edges, engine %s, %d split component(s) in %d parts, %d references, "
          "drawing %.0f x %.0f pt, positions %016zx",
          objects, g.nodeCount(), g.edgeCount(), qPrintable(result.engine), int(result.groups.size()), parts,
          int(result.references.size()), result.bounds.width(), result.bounds.height(), positions);
}

void BenchGraph::endToEnd()
{
    QFETCH(int, objects);
    QFETCH(bool, connected);
    const BrokerCatalog catalog = syntheticCatalog(objects, connected);
    BrokerGraphView view;
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy finished(&view, &BrokerGraphView::layoutFinished);
    // An event-loop latency probe: the longest gap between two ticks of a 1 ms timer is the
    // longest the GUI thread was blocked (building, scene population, deleting the old scene).
    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestStall = 0;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 now = clock.elapsed();
        longestStall = qMax(longestStall, now - lastTick);
        lastTick = now;
    });
    QBENCHMARK {
        finished.clear();
        clock.start();
        lastTick = 0;
        probe.start();
        view.setCatalog(catalog);
        QVERIFY(finished.wait(120000));
        view.viewport()->repaint(); // shown: the first full frame of the new drawing
        QTest::qWait(5); // let the probe see the end of the last stall
        probe.stop();
    }
    QVERIFY(finished.constFirst().at(0).toBool());
    qInfo("%s; longest GUI-thread stall %lld ms", qPrintable(finished.constFirst().at(1).toString()), longestStall);
}

void BenchGraph::paint()
{
    QFETCH(int, objects);
    QFETCH(bool, connected);
    BrokerGraphView view;
    view.resize(1200, 800);
    QSignalSpy finished(&view, &BrokerGraphView::layoutFinished);
    view.setCatalog(syntheticCatalog(objects, connected));
    QVERIFY(finished.wait(120000));
    view.fitToView();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    // One full frame of the whole graph fitted into a 1200 x 800 view, as the first paint is.
    QBENCHMARK {
        view.viewport()->render(&image);
    }
    qInfo("zoom %.3f", view.zoomFactor());
}

// Not a benchmark: with BS_BENCH_GRAPH_PICTURES=<dir>, writes what a user sees of the
// 20,000-object connected catalog (the page fitted to the window, then zoomed in on a shared
// object and on a reference) and the whole export, to look at.
void BenchGraph::pictures()
{
    const QString dir = qEnvironmentVariable("BS_BENCH_GRAPH_PICTURES");
    if (dir.isEmpty())
        QSKIP("set BS_BENCH_GRAPH_PICTURES to a directory to write the pictures");
    BrokerGraphPage page;
    page.resize(1600, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    BrokerGraphView *view = page.view();
    QSignalSpy finished(view, &BrokerGraphView::layoutFinished);
    view->setCatalog(syntheticCatalog(20000, true));
    QVERIFY(finished.wait(120000));
    QVERIFY(page.grab().save(dir + QStringLiteral("/graph20k-fit.png")));
    const GraphLayout &layout = view->layoutResult();
    int hub = 0;
    for (int i = 0; i < view->graph().nodeCount(); ++i) {
        if (view->graph().edgesOf(i).size() > view->graph().edgesOf(hub).size())
            hub = i;
    }
    for (qreal zoom : {0.3, 1.0}) {
        view->setTransform(QTransform::fromScale(zoom, zoom));
        view->centerOn(layout.nodeCenters.at(hub));
        QVERIFY(page.grab().save(dir + QStringLiteral("/graph20k-hub-%1.png").arg(zoom)));
    }
    view->centerOn(layout.references.at(layout.references.size() / 2).center);
    QVERIFY(page.grab().save(dir + QStringLiteral("/graph20k-reference.png")));
    QVERIFY(view->exportPng(dir + QStringLiteral("/graph20k-export.png"), 1.0));
}

QTEST_MAIN(BenchGraph)
#include "bench_graph.moc"

#include "graph/graphlayouter.h"

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>
#include <QtMath>

#include <gvc.h>

#include <vector>

namespace bs {

namespace {

// Graphviz 2.43 takes char * everywhere but copies what it is given.
char *cs(const char *text)
{
    return const_cast<char *>(text);
}

char *cs(const QByteArray &text)
{
    return const_cast<char *>(text.constData());
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / 72.0, 'f', 4);
}

// Graphviz keeps one global state: the context, the error hook and the layout itself.
QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

QByteArray &graphvizErrors()
{
    static QByteArray errors;
    return errors;
}

int collectError(char *message)
{
    graphvizErrors().append(message);
    return 0;
}

GVC_t *graphvizContext()
{
    // Created once (it loads the plugin configuration), under the caller's lock.
    static GVC_t *context = [] {
        agseterr(AGERR);
        agseterrf(collectError);
        return gvContext();
    }();
    return context;
}

// The shape Graphviz clips edges against; the view draws the same outline.
const char *shapeFor(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Service: return "box";
    case GraphNodeKind::Queue: return "cylinder";
    case GraphNodeKind::Contract: return "note";
    case GraphNodeKind::MessageType: return "box";
    case GraphNodeKind::ActivationProcedure: return "hexagon";
    case GraphNodeKind::Route: return "cds";
    case GraphNodeKind::RemoteService: return "ellipse";
    }
    return "box";
}

QByteArray fixedSizeLabel(const QSizeF &size)
{
    // An HTML-like label with a fixed-size empty cell: Graphviz reserves exactly the space
    // the view will draw the label in, without measuring any text itself.
    return QByteArrayLiteral("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR>"
                             "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"")
           + QByteArray::number(qCeil(size.width())) + QByteArrayLiteral("\" HEIGHT=\"")
           + QByteArray::number(qCeil(size.height())) + QByteArrayLiteral("\"></TD></TR></TABLE>");
}

} // namespace

GraphLayouter::Engine GraphLayouter::engineFor(int nodeCount)
{
    return nodeCount > DotNodeLimit ? Engine::Sfdp : Engine::Dot;
}

QString GraphLayouter::engineName(Engine engine)
{
    switch (engine) {
    case Engine::Automatic: return QStringLiteral("automatic");
    case Engine::Dot: return QStringLiteral("dot");
    case Engine::Sfdp: return QStringLiteral("sfdp");
    }
    return {};
}

GraphLayout GraphLayouter::layout(const BrokerGraph &graph, const QList<QSizeF> &nodeSizes,
                                  const QList<QSizeF> &edgeLabelSizes, Engine engine)
{
    GraphLayout result;
    if (nodeSizes.size() != graph.nodeCount()) {
        result.error = QStringLiteral("internal: %1 node sizes for %2 nodes").arg(nodeSizes.size()).arg(graph.nodeCount());
        return result;
    }
    if (engine == Engine::Automatic)
        engine = engineFor(graph.nodeCount());
    result.engine = engineName(engine);
    if (graph.nodeCount() == 0) {
        result.ok = true;
        return result;
    }
    const bool dot = engine == Engine::Dot;
    const bool labels = dot && edgeLabelSizes.size() == graph.edgeCount();

    QMutexLocker lock(&graphvizMutex());
    GVC_t *gvc = graphvizContext();
    graphvizErrors().clear();

    Agraph_t *g = agopen(cs("broker"), Agdirected, nullptr);
    if (dot) {
        agattr(g, AGRAPH, cs("rankdir"), cs("LR"));
        agattr(g, AGRAPH, cs("nodesep"), cs("0.3"));
        agattr(g, AGRAPH, cs("ranksep"), cs("0.9"));
        // Bound the network-simplex passes so a large catalog cannot run for minutes.
        if (graph.nodeCount() > 500) {
            agattr(g, AGRAPH, cs("nslimit"), cs("4"));
            agattr(g, AGRAPH, cs("nslimit1"), cs("4"));
            agattr(g, AGRAPH, cs("mclimit"), cs("0.5"));
        }
    } else {
        // A fixed seed keeps sfdp deterministic; scaling removes overlaps far faster than prism.
        agattr(g, AGRAPH, cs("start"), cs("1"));
        agattr(g, AGRAPH, cs("overlap"), cs("scale"));
        agattr(g, AGRAPH, cs("K"), cs("1.2"));
    }
    Agsym_t *shapeSym = agattr(g, AGNODE, cs("shape"), cs("box"));
    Agsym_t *widthSym = agattr(g, AGNODE, cs("width"), cs("1"));
    Agsym_t *heightSym = agattr(g, AGNODE, cs("height"), cs("0.5"));
    agattr(g, AGNODE, cs("fixedsize"), cs("true"));
    agattr(g, AGNODE, cs("label"), cs(""));
    Agsym_t *labelSym = labels ? agattr(g, AGEDGE, cs("label"), cs("")) : nullptr;
    agattr(g, AGEDGE, cs("arrowsize"), cs("0.8"));

    std::vector<Agnode_t *> nodes;
    nodes.reserve(size_t(graph.nodeCount()));
    for (int i = 0; i < graph.nodeCount(); ++i) {
        Agnode_t *n = agnode(g, cs(QByteArray("n" + QByteArray::number(i))), 1);
        agxset(n, shapeSym, cs(shapeFor(graph.nodes().at(i).kind)));
        agxset(n, widthSym, cs(inches(nodeSizes.at(i).width())));
        agxset(n, heightSym, cs(inches(nodeSizes.at(i).height())));
        nodes.push_back(n);
    }
    std::vector<Agedge_t *> edges;
    edges.reserve(size_t(graph.edgeCount()));
    for (int i = 0; i < graph.edgeCount(); ++i) {
        const GraphEdge &edge = graph.edges().at(i);
        Agedge_t *e = agedge(g, nodes[size_t(edge.from)], nodes[size_t(edge.to)],
                             cs(QByteArray("e" + QByteArray::number(i))), 1);
        if (labels && !edgeLabelSizes.at(i).isEmpty()) {
            char *html = agstrdup_html(g, cs(fixedSizeLabel(edgeLabelSizes.at(i))));
            agxset(e, labelSym, html);
            agstrfree(g, html);
        }
        edges.push_back(e);
    }

    if (gvLayout(gvc, g, dot ? "dot" : "sfdp") != 0) {
        result.error = QStringLiteral("Graphviz %1 failed: %2").arg(result.engine, QString::fromUtf8(graphvizErrors()).trimmed());
        agclose(g);
        return result;
    }

    // Graphviz's y axis points up; the scene's points down.
    const boxf bb = GD_bb(g);
    const qreal top = bb.UR.y;
    auto toScene = [top](pointf p) { return QPointF(p.x, top - p.y); };
    result.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, top - bb.LL.y));

    result.nodeCenters.reserve(graph.nodeCount());
    for (Agnode_t *n : nodes)
        result.nodeCenters.append(toScene(ND_coord(n)));

    result.edges.reserve(graph.edgeCount());
    for (size_t i = 0; i < edges.size(); ++i) {
        Agedge_t *e = edges[i];
        EdgeRoute route;
        const splines *spl = ED_spl(e);
        if (spl && spl->size > 0) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier &bz = spl->list[b];
                for (int p = (b == 0 ? 0 : 1); p < bz.size; ++p)
                    route.path.append(toScene(bz.list[p]));
            }
            const bezier &last = spl->list[spl->size - 1];
            if (last.eflag) {
                route.hasArrow = true;
                route.arrowTip = toScene(last.ep);
            }
        } else {
            const GraphEdge &edge = graph.edges().at(int(i));
            route.path = {result.nodeCenters.at(edge.from), result.nodeCenters.at(edge.to)};
        }
        if (ED_label(e) && ED_label(e)->set) {
            route.hasLabel = true;
            route.labelCenter = toScene(ED_label(e)->pos);
        }
        result.edges.append(route);
    }

    gvFreeLayout(gvc, g);
    agclose(g);
    result.ok = true;
    return result;
}

} // namespace bs

#include "graph/graphlayouter.h"

#include "graph/graphpartitioner.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QtMath>

#include <gvc.h>

#include <algorithm>
#include <cmath>
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

// Space between packed components, in points.
constexpr qreal ComponentGap = 28;
// Space between the frame of a split component and its parts.
constexpr qreal GroupPadding = 16;

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

// One connected component: node and edge indexes of the whole graph, in graph order.
struct Component
{
    QList<int> nodes;
    QList<int> edges;
};

QList<Component> connectedComponents(const BrokerGraph &graph)
{
    QList<int> parent(graph.nodeCount());
    for (int i = 0; i < parent.size(); ++i)
        parent[i] = i;
    auto find = [&parent](int x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const GraphEdge &e : graph.edges()) {
        const int a = find(e.from);
        const int b = find(e.to);
        // The smaller index is the root, so components come out in node order.
        if (a != b)
            parent[qMax(a, b)] = qMin(a, b);
    }
    QList<Component> components;
    QList<int> componentOfRoot(graph.nodeCount(), -1);
    for (int i = 0; i < graph.nodeCount(); ++i) {
        const int root = find(i);
        if (componentOfRoot[root] < 0) {
            componentOfRoot[root] = int(components.size());
            components.append(Component());
        }
        components[componentOfRoot[root]].nodes.append(i);
    }
    for (int e = 0; e < graph.edgeCount(); ++e)
        components[componentOfRoot[find(graph.edges().at(e).from)]].edges.append(e);
    return components;
}

// What one Graphviz call lays out: nodes and edges of the whole graph, plus the nodes of other
// parts that some of these edges end at, drawn here as references.
struct Part
{
    QList<int> nodes;
    QList<int> edges;
    QList<int> references; ///< indexes into GraphLayout::references
};

// A component becomes one block of the drawing: one part, or several packed in a group frame.
struct Block
{
    QList<Part> parts;
    bool split = false;
};

// Splits a large component into parts (GraphPartitioner); an edge between two parts is drawn
// in the part of its less connected end, to a reference standing in for the other end.
Block splitComponent(const BrokerGraph &graph, const Component &component, const QList<int> &degree,
                     QList<int> &partOf, GraphLayout &result)
{
    Block block;
    block.split = true;
    const QList<QList<int>> groups = GraphPartitioner::split(graph, component.nodes, component.edges, MaxPartNodes);
    block.parts.resize(groups.size());
    for (int p = 0; p < groups.size(); ++p) {
        block.parts[p].nodes = groups.at(p);
        for (int i : groups.at(p))
            partOf[i] = p;
    }
    QList<QHash<int, int>> slotOf(groups.size()); // per part: foreign node -> reference index
    for (int e : component.edges) {
        const GraphEdge &edge = graph.edges().at(e);
        const int from = partOf.at(edge.from);
        const int to = partOf.at(edge.to);
        if (from == to) {
            block.parts[from].edges.append(e);
            continue;
        }
        const bool foreignIsTarget = degree.at(edge.to) >= degree.at(edge.from);
        const int home = foreignIsTarget ? from : to;
        const int foreign = foreignIsTarget ? edge.to : edge.from;
        Part &part = block.parts[home];
        auto slot = slotOf[home].constFind(foreign);
        if (slot == slotOf[home].constEnd()) {
            slot = slotOf[home].insert(foreign, int(result.references.size()));
            result.references.append({foreign, QPointF()});
            part.references.append(*slot);
        }
        part.edges.append(e);
        result.edges[e].reference = *slot;
    }
    for (Part &part : block.parts)
        std::sort(part.edges.begin(), part.edges.end());
    return block;
}

// Lays out one part with Graphviz; positions in the part's own frame (top-left 0,0).
bool layoutPart(GVC_t *gvc, const BrokerGraph &graph, const Part &part, const QList<QSizeF> &nodeSizes,
                const QList<QSizeF> &edgeLabelSizes, bool dot, GraphLayout &result, QRectF &bounds)
{
    const bool labels = dot && edgeLabelSizes.size() == graph.edgeCount();
    Agraph_t *g = agopen(cs("broker"), Agdirected, nullptr);
    if (dot) {
        agattr(g, AGRAPH, cs("rankdir"), cs("LR"));
        agattr(g, AGRAPH, cs("nodesep"), cs("0.3"));
        agattr(g, AGRAPH, cs("ranksep"), cs("0.9"));
        // Bound the network-simplex passes so a large component cannot run for minutes.
        if (part.nodes.size() > 500) {
            agattr(g, AGRAPH, cs("nslimit"), cs("4"));
            agattr(g, AGRAPH, cs("nslimit1"), cs("4"));
            agattr(g, AGRAPH, cs("mclimit"), cs("0.5"));
        }
    } else {
        // A fixed seed; scaling removes overlaps faster than prism.
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
    // Conversation flows join services of one rank: they must not push the hierarchy
    // (route → service → queue → ...) apart, so dot does not rank by them.
    Agsym_t *constraintSym = agattr(g, AGEDGE, cs("constraint"), cs("true"));

    auto addNode = [&](const QByteArray &name, int i) {
        Agnode_t *n = agnode(g, cs(name), 1);
        agxset(n, shapeSym, cs(shapeFor(graph.nodes().at(i).kind)));
        agxset(n, widthSym, cs(inches(nodeSizes.at(i).width())));
        agxset(n, heightSym, cs(inches(nodeSizes.at(i).height())));
        return n;
    };
    QHash<int, Agnode_t *> nodes;
    nodes.reserve(part.nodes.size() + part.references.size());
    for (int i : part.nodes)
        nodes.insert(i, addNode("n" + QByteArray::number(i), i));
    std::vector<Agnode_t *> references;
    references.reserve(size_t(part.references.size()));
    QHash<int, Agnode_t *> referenceOfSlot;
    for (int slot : part.references) {
        const int i = result.references.at(slot).node;
        references.push_back(addNode("r" + QByteArray::number(i), i));
        referenceOfSlot.insert(slot, references.back());
    }
    auto endOf = [&](int node, const EdgeRoute &route) {
        Agnode_t *n = nodes.value(node);
        return n ? n : referenceOfSlot.value(route.reference);
    };
    std::vector<Agedge_t *> edges;
    edges.reserve(size_t(part.edges.size()));
    for (int i : part.edges) {
        const GraphEdge &edge = graph.edges().at(i);
        const EdgeRoute &route = result.edges.at(i);
        Agedge_t *e = agedge(g, endOf(edge.from, route), endOf(edge.to, route),
                             cs(QByteArray("e" + QByteArray::number(i))), 1);
        if (labels && !edgeLabelSizes.at(i).isEmpty()) {
            char *html = agstrdup_html(g, cs(fixedSizeLabel(edgeLabelSizes.at(i))));
            agxset(e, labelSym, html);
            agstrfree(g, html);
        }
        if (edge.kind == GraphEdgeKind::Conversation)
            agxset(e, constraintSym, cs("false"));
        edges.push_back(e);
    }

    if (gvLayout(gvc, g, dot ? "dot" : "sfdp") != 0) {
        agclose(g);
        return false;
    }

    // Graphviz's y axis points up; the scene's points down.
    const boxf bb = GD_bb(g);
    auto toLocal = [bb](pointf p) { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); };
    bounds = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    for (int i : part.nodes)
        result.nodeCenters[i] = toLocal(ND_coord(nodes.value(i)));
    for (size_t k = 0; k < references.size(); ++k)
        result.references[part.references.at(qsizetype(k))].center = toLocal(ND_coord(references[k]));
    for (size_t k = 0; k < edges.size(); ++k) {
        Agedge_t *e = edges[k];
        const int index = part.edges.at(qsizetype(k));
        EdgeRoute &route = result.edges[index];
        const splines *spl = ED_spl(e);
        if (spl && spl->size > 0) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier &bz = spl->list[b];
                for (int p = (b == 0 ? 0 : 1); p < bz.size; ++p)
                    route.path.append(toLocal(bz.list[p]));
            }
            const bezier &last = spl->list[spl->size - 1];
            if (last.eflag) {
                route.hasArrow = true;
                route.arrowTip = toLocal(last.ep);
            }
        } else {
            route.path = {toLocal(ND_coord(agtail(e))), toLocal(ND_coord(aghead(e)))};
        }
        if (ED_label(e) && ED_label(e)->set) {
            route.hasLabel = true;
            route.labelCenter = toLocal(ED_label(e)->pos);
        }
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    return true;
}

void translate(GraphLayout &result, const Part &part, const QPointF &offset)
{
    for (int i : part.nodes)
        result.nodeCenters[i] += offset;
    for (int slot : part.references)
        result.references[slot].center += offset;
    for (int e : part.edges) {
        EdgeRoute &route = result.edges[e];
        for (QPointF &p : route.path)
            p += offset;
        route.arrowTip += offset;
        route.labelCenter += offset;
    }
}

// Shelf packing, in order, into rows about 1.6 times as wide as the drawing is tall.
QList<QPointF> shelfPack(const QList<QRectF> &frames, QSizeF &total)
{
    qreal area = 0;
    qreal widest = 0;
    for (const QRectF &f : frames) {
        area += (f.width() + ComponentGap) * (f.height() + ComponentGap);
        widest = qMax(widest, f.width());
    }
    const qreal rowWidth = qMax(widest, std::sqrt(area * 1.6));
    QList<QPointF> offsets;
    offsets.reserve(frames.size());
    qreal x = 0;
    qreal y = 0;
    qreal rowHeight = 0;
    total = QSizeF();
    for (const QRectF &f : frames) {
        if (x > 0 && x + f.width() > rowWidth) {
            x = 0;
            y += rowHeight + ComponentGap;
            rowHeight = 0;
        }
        offsets.append(QPointF(x, y));
        total = total.expandedTo(QSizeF(x + f.width(), y + f.height()));
        x += f.width() + ComponentGap;
        rowHeight = qMax(rowHeight, f.height());
    }
    return offsets;
}

} // namespace

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
    result.nodeCenters = QList<QPointF>(graph.nodeCount());
    result.edges = QList<EdgeRoute>(graph.edgeCount());

    // A catalog is mostly separate applications (connected components). Each is laid out on its
    // own and the drawings are packed in rows: far faster than one big layout, near-square
    // instead of a thin strip, and unlike Graphviz's own `pack` (whose dot mode loses edge label
    // positions) it keeps the labels. A component too big for dot is split into applications
    // (GraphPartitioner), each laid out by dot: fast, and the same drawing on every run.
    const QList<Component> components = connectedComponents(graph);
    QList<int> degree(graph.nodeCount());
    for (const GraphEdge &e : graph.edges()) {
        ++degree[e.from];
        ++degree[e.to];
    }
    QList<int> partOf(graph.nodeCount(), -1);
    QList<Block> blocks;
    blocks.reserve(components.size());
    for (const Component &c : components) {
        if (engine == Engine::Automatic && c.nodes.size() > SplitNodeLimit)
            blocks.append(splitComponent(graph, c, degree, partOf, result));
        else
            blocks.append(Block{{Part{c.nodes, c.edges, {}}}, false});
    }

    const bool dot = engine != Engine::Sfdp;
    QList<QList<QRectF>> frames(blocks.size());
    {
        QMutexLocker lock(&graphvizMutex());
        GVC_t *gvc = graphvizContext();
        for (int b = 0; b < blocks.size(); ++b) {
            frames[b].resize(blocks.at(b).parts.size());
            for (int p = 0; p < blocks.at(b).parts.size(); ++p) {
                graphvizErrors().clear();
                if (!layoutPart(gvc, graph, blocks.at(b).parts.at(p), nodeSizes, edgeLabelSizes, dot, result,
                                frames[b][p])) {
                    result.error = QStringLiteral("Graphviz %1 failed: %2")
                                       .arg(engineName(dot ? Engine::Dot : Engine::Sfdp),
                                            QString::fromUtf8(graphvizErrors()).trimmed());
                    return result;
                }
            }
        }
    }

    // The parts of a split component are packed into one framed block with a caption band;
    // then the blocks are packed like components.
    QList<QList<QPointF>> partOffsets(blocks.size());
    QList<QRectF> blockFrames(blocks.size());
    for (int b = 0; b < blocks.size(); ++b) {
        QSizeF size;
        partOffsets[b] = shelfPack(frames.at(b), size);
        if (blocks.at(b).split) {
            for (QPointF &o : partOffsets[b])
                o += QPointF(GroupPadding, LayoutGroup::CaptionHeight);
            size += QSizeF(2 * GroupPadding, LayoutGroup::CaptionHeight + GroupPadding);
        }
        blockFrames[b] = QRectF(QPointF(), size);
    }
    QSizeF total;
    const QList<QPointF> blockOffsets = shelfPack(blockFrames, total);
    for (int b = 0; b < blocks.size(); ++b) {
        const Block &block = blocks.at(b);
        for (int p = 0; p < block.parts.size(); ++p)
            translate(result, block.parts.at(p), blockOffsets.at(b) + partOffsets.at(b).at(p));
        if (block.split) {
            LayoutGroup group;
            group.frame = blockFrames.at(b).translated(blockOffsets.at(b));
            group.partCount = int(block.parts.size());
            for (const Part &part : block.parts) {
                group.nodeCount += int(part.nodes.size());
                group.referenceCount += int(part.references.size());
            }
            result.groups.append(group);
        }
    }
    result.bounds = QRectF(QPointF(), total);
    result.engine = engineName(dot ? Engine::Dot : Engine::Sfdp);
    result.ok = true;
    return result;
}

} // namespace bs

#include "graph/graphpartitioner.h"

#include <QHash>

#include <algorithm>

namespace bs {

namespace {

// Union-find over local indexes; the smaller index is the root, so roots are deterministic.
struct Sets
{
    explicit Sets(int n)
        : parent(n)
        , size(n, 1)
    {
        for (int i = 0; i < n; ++i)
            parent[i] = i;
    }
    int find(int x)
    {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a == b)
            return;
        if (b < a)
            std::swap(a, b);
        parent[b] = a;
        size[a] += size[b];
    }
    QList<int> parent;
    QList<int> size;
};

struct Link
{
    int to = -1;
    int weight = 1;
};

// Structural ties (a service on its queue, a contract's message types) say more about where
// an object belongs than who happens to talk to whom.
int weightOf(GraphEdgeKind kind)
{
    return kind == GraphEdgeKind::Conversation ? 1 : 3;
}

} // namespace

QList<QList<int>> GraphPartitioner::split(const BrokerGraph &graph, const QList<int> &nodes, const QList<int> &edges,
                                          int maxPartNodes)
{
    const int n = int(nodes.size());
    QHash<int, int> local;
    local.reserve(n);
    for (int i = 0; i < n; ++i)
        local.insert(nodes.at(i), i);
    QList<QList<Link>> adjacent(n);
    for (int e : edges) {
        const GraphEdge &edge = graph.edges().at(e);
        const int a = local.value(edge.from, -1);
        const int b = local.value(edge.to, -1);
        if (a < 0 || b < 0 || a == b)
            continue;
        adjacent[a].append({b, weightOf(edge.kind)});
        adjacent[b].append({a, weightOf(edge.kind)});
    }
    for (QList<Link> &links : adjacent)
        std::sort(links.begin(), links.end(), [](const Link &x, const Link &y) { return x.to < y.to; });
    QList<bool> hub(n);
    for (int i = 0; i < n; ++i)
        hub[i] = adjacent.at(i).size() >= HubDegree;

    // Everything but the hubs falls apart into applications.
    Sets sets(n);
    for (int i = 0; i < n; ++i) {
        if (hub.at(i))
            continue;
        for (const Link &l : adjacent.at(i)) {
            if (!hub.at(l.to))
                sets.unite(i, l.to);
        }
    }
    // A node tied to one hub only (a shared contract's own message types) stays with it.
    for (int i = 0; i < n; ++i) {
        if (hub.at(i) || adjacent.at(i).isEmpty())
            continue;
        const int only = adjacent.at(i).constFirst().to;
        const bool leaf = hub.at(only) && std::all_of(adjacent.at(i).cbegin(), adjacent.at(i).cend(),
                                                      [only](const Link &l) { return l.to == only; });
        if (leaf && sets.size.at(sets.find(i)) == 1 && sets.size.at(sets.find(only)) < maxPartNodes)
            sets.unite(i, only);
    }
    // A hub joins the application it has the strongest ties to (the lowest one on a tie),
    // as long as that application stays within the size limit.
    for (int h = 0; h < n; ++h) {
        if (!hub.at(h))
            continue;
        QHash<int, int> ties;
        for (const Link &l : adjacent.at(h)) {
            if (!hub.at(l.to))
                ties[sets.find(l.to)] += l.weight;
        }
        int best = -1;
        int bestWeight = 0;
        const int own = sets.find(h);
        for (auto it = ties.cbegin(); it != ties.cend(); ++it) {
            if (it.key() == own || sets.size.at(own) + sets.size.at(it.key()) > maxPartNodes)
                continue;
            if (it.value() > bestWeight || (it.value() == bestWeight && it.key() < best)) {
                best = it.key();
                bestWeight = it.value();
            }
        }
        if (best >= 0)
            sets.unite(h, best);
    }

    // Collect the sets; one that is still too big is cut in breadth-first order, which keeps
    // neighbours together.
    QHash<int, QList<int>> byRoot;
    for (int i = 0; i < n; ++i)
        byRoot[sets.find(i)].append(i);
    QList<int> roots = byRoot.keys();
    std::sort(roots.begin(), roots.end());
    QList<QList<int>> parts;
    for (int root : std::as_const(roots)) {
        const QList<int> &members = byRoot[root];
        if (members.size() <= maxPartNodes) {
            parts.append(members);
            continue;
        }
        QList<int> order;
        order.reserve(members.size());
        QList<bool> seen(n);
        const int set = root;
        for (int start : members) {
            if (seen.at(start))
                continue;
            seen[start] = true;
            qsizetype head = order.size();
            order.append(start);
            while (head < order.size()) {
                const int at = order.at(head++);
                for (const Link &l : adjacent.at(at)) {
                    if (!seen.at(l.to) && sets.find(l.to) == set) {
                        seen[l.to] = true;
                        order.append(l.to);
                    }
                }
            }
        }
        for (qsizetype from = 0; from < order.size(); from += maxPartNodes) {
            QList<int> chunk = order.mid(from, maxPartNodes);
            std::sort(chunk.begin(), chunk.end());
            parts.append(chunk);
        }
    }
    // Back to graph indexes; nodes ascend, so the parts keep their order.
    for (QList<int> &part : parts) {
        for (int &i : part)
            i = nodes.at(i);
    }
    std::sort(parts.begin(), parts.end(), [](const QList<int> &a, const QList<int> &b) { return a.constFirst() < b.constFirst(); });
    return parts;
}

} // namespace bs

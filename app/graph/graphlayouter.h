#pragma once

#include "graph/brokergraph.h"
#include "graph/graphlayout.h"

#include <QList>
#include <QSizeF>

namespace bs {

/// Above this many nodes `dot` is too slow (about 1.4 s at 2,000 nodes and minutes at
/// 5,000 on the build machine, see docs/performance.md), so the automatic choice is `sfdp`.
inline constexpr int DotNodeLimit = 1500;

/// Lays out a BrokerGraph with Graphviz (libgvc/libcgraph): `dot` left to right for normal
/// catalogs, `sfdp` for large ones. Graphviz is not thread-safe, so layouts run one at a
/// time (a process-wide mutex); call it from a worker thread, never the GUI thread.
class GraphLayouter
{
public:
    enum class Engine {
        Automatic,
        Dot,
        Sfdp,
    };

    /// Sizes are in points, measured by the caller with the font the view draws with:
    /// Graphviz's own text measurement would not match Qt's. edgeLabelSizes may be empty
    /// (no labels) or hold one size per edge (an empty size = no label on that edge).
    static GraphLayout layout(const BrokerGraph &graph, const QList<QSizeF> &nodeSizes,
                              const QList<QSizeF> &edgeLabelSizes = {}, Engine engine = Engine::Automatic);

    static Engine engineFor(int nodeCount);
    static QString engineName(Engine engine);
};

} // namespace bs

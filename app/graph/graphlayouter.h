#pragma once

#include "graph/brokergraph.h"
#include "graph/graphlayout.h"

#include <QList>
#include <QSizeF>

namespace bs {

/// A connected component with more nodes than this is laid out by `sfdp` instead of `dot`:
/// dot took about 1.4 s at 2,000 nodes and did not finish 5,000 in minutes on the build
/// machine (docs/performance.md).
inline constexpr int DotNodeLimit = 1500;

/// Lays out a BrokerGraph with Graphviz (libgvc/libcgraph). Each connected component is laid
/// out on its own, `dot` left to right (or `sfdp` above DotNodeLimit nodes), and the
/// components are packed in rows. Graphviz is not thread-safe, so layouts run one at a time
/// (a process-wide mutex); call it from a worker thread, never the GUI thread.
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

    /// The engine Automatic picks for a component of that many nodes.
    static Engine engineFor(int nodeCount);
    static QString engineName(Engine engine);
};

} // namespace bs

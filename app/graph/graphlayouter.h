#pragma once

#include "graph/brokergraph.h"
#include "graph/graphlayout.h"

#include <QList>
#include <QSizeF>

namespace bs {

/// A connected component with more nodes than this is split into applications
/// (GraphPartitioner) of at most MaxPartNodes nodes, each laid out by `dot`: dot took about
/// 1.4 s at 2,000 nodes and minutes at 5,000, and sfdp, the alternative, drew a different
/// picture on each run (docs/performance.md).
inline constexpr int SplitNodeLimit = 1000;
inline constexpr int MaxPartNodes = 300;

/// Lays out a BrokerGraph with Graphviz (libgvc/libcgraph). Each connected component is laid
/// out on its own, `dot` left to right, and the components are packed in rows. Automatic
/// splits a component above SplitNodeLimit nodes into parts packed in one frame
/// (GraphLayout::groups); an edge between parts ends at a reference (GraphLayout::references). Graphviz is not thread-safe, so layouts run one at a time
/// (a process-wide mutex); call it from a worker thread, never the GUI thread.
class GraphLayouter
{
public:
    enum class Engine {
        Automatic, ///< dot, large components split into parts
        Dot,       ///< dot on whole components, however large
        Sfdp,      ///< sfdp on whole components
    };

    /// Sizes are in points, measured by the caller with the font the view draws with:
    /// Graphviz's own text measurement would not match Qt's. edgeLabelSizes may be empty
    /// (no labels) or hold one size per edge (an empty size = no label on that edge).
    static GraphLayout layout(const BrokerGraph &graph, const QList<QSizeF> &nodeSizes,
                              const QList<QSizeF> &edgeLabelSizes = {}, Engine engine = Engine::Automatic);

    static QString engineName(Engine engine);
};

} // namespace bs

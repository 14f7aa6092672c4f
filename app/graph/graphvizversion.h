#pragma once

#include <QString>

namespace bs {

/// The version of the Graphviz library in use (e.g. "2.43.0"), asked from libgvc at run time,
/// so it names the library actually loaded rather than the headers built against.
/// The first call creates and frees a Graphviz context. Graphviz is not thread-safe: make the
/// first call while no layout runs (the application does it at start-up); later calls return
/// the cached text and are safe from any thread.
QString graphvizVersion();

} // namespace bs

#pragma once

#include "core/catalog.h"

#include <QColor>
#include <QIcon>

namespace bs {

/// The colour that stands for a kind of broker object, everywhere in the UI.
QColor objectColor(ObjectKind kind);
/// A small drawn icon per kind of broker object (same colours as the graph).
QIcon objectIcon(ObjectKind kind);
/// The icon of a group folder in the explorer.
QIcon folderIcon();

} // namespace bs

#pragma once

#include "core/catalog.h"

namespace bs {

/// A realistic built-in broker (orders processing with activation, an audit feed whose
/// queue has been disabled by a poison message, and a route to a remote billing service),
/// shown when no server is connected and used by tests.
BrokerCatalog sampleCatalog();

/// True for objects SQL Server creates itself (DEFAULT, http://schemas.microsoft.com/SQL/...).
bool isSystemObjectName(const QString &name);

} // namespace bs

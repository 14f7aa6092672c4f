#pragma once

#include "core/catalog.h"

namespace bs {

/// A realistic built-in broker (orders processing with activation, an audit feed whose
/// queue has been disabled by a poison message, and a route to a remote billing service): a
/// fixed example for `broker-studio catalog --sample`, the tests and the benchmarks. It is not
/// the simulated demo the application opens on (SalesOpsDemo, :/scenarios/demo.json), and its
/// server name says so.
BrokerCatalog sampleCatalog();

/// True for objects SQL Server creates itself (DEFAULT, http://schemas.microsoft.com/SQL/...).
bool isSystemObjectName(const QString &name);

} // namespace bs

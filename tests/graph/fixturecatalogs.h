#pragma once

#include "core/catalog.h"

namespace bs {

// Small hand-made catalogs for the graph tests.
namespace fixtures {

// One contract accepted by three services on three queues.
BrokerCatalog sharedContract();
// Two services on one queue, neither accepting a contract.
BrokerCatalog sharedQueue();
// Names with brackets, quotes, markup characters, spaces, non-Latin letters and great length;
// a route to a local service and one whose name differs from a local service only in case.
BrokerCatalog oddNames();
// The objects SQL Server ships (DEFAULT, http://schemas.microsoft.com/SQL/... and an
// is_ms_shipped queue) beside one user service.
BrokerCatalog withSystemObjects();

} // namespace fixtures
} // namespace bs

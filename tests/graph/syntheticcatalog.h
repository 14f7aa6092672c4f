#pragma once

#include "core/catalog.h"

namespace bs {

// A broker-shaped catalog of about objectCount objects: request/reply applications (two message
// types, a contract, an initiator and an activated target queue and service each), every tenth
// target also accepting the first contract, every fourth application with a route to a remote service.
// connected = every target also accepts the first contract: the whole catalog is one component.
BrokerCatalog syntheticCatalog(int objectCount, bool connected = false);

} // namespace bs

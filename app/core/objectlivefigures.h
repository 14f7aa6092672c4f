#pragma once

#include "core/catalog.h"
#include "core/monitorsample.h"
#include "core/objectproperties.h"

namespace bs {

/// What the latest monitoring sample says about one object, as rows for the properties pane
/// (group "Monitor"): a queue's depth, readers and monitor state; a service's endpoints by state
/// and the messages waiting in sys.transmission_queue for it; a route's or remote binding's
/// waiting messages and their transmission_status; the database's totals. Empty for objects a
/// sample says nothing about (message types, contracts) and for an empty sample.
QList<ObjectProperty> objectLiveFigures(const BrokerCatalog &catalog, const ObjectRef &ref, const MonitorSample &sample);

} // namespace bs

#pragma once

#include "core/catalog.h"

#include <QList>
#include <QString>

namespace bs {

/// One row of the properties pane: a catalog field, its value, and what it means.
struct ObjectProperty
{
    QString group; ///< "General", "Activation", "Flags", ...
    QString name;  ///< the catalog column, e.g. "max_readers"
    QString value;
    QString help;  ///< the Service Broker term explained, for a tooltip
    bool operator==(const ObjectProperty &) const = default;
};

/// Display name of an object ("//Contoso/Orders/Target", "[dbo].[OrdersQueue]").
QString objectDisplayName(const BrokerCatalog &catalog, const ObjectRef &ref);
/// Singular kind name ("Queue", "Service", ...).
QString objectKindName(ObjectKind kind);
/// Every catalog field of the object, grouped, with explanations.
QList<ObjectProperty> objectProperties(const BrokerCatalog &catalog, const ObjectRef &ref);
/// The activation settings of a queue in words, for a DBA.
QString activationInWords(const Queue &queue);

} // namespace bs

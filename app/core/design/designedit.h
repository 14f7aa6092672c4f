#pragma once

#include "core/design/brokerdesign.h"

#include <QVariant>

#include <variant>

namespace bs {

/// Any one object of a design, as a value (what add and remove carry).
using DesignObject = std::variant<DesignMessageType, DesignContract, DesignQueue, DesignService, DesignRoute, DesignBinding>;

DesignRef designRefOf(const DesignObject &object);

/// The edits the designer makes, as pure functions on a design: the undo commands
/// (app/core/design/designcommands.h), the DDL import and the tests use the same ones. Each returns
/// an empty string on success or why the edit is refused, and then leaves the design unchanged.
class DesignEdit
{
public:
    /// The object as a value, if the design has it.
    static std::optional<DesignObject> object(const BrokerDesign &design, const DesignRef &ref);
    /// Objects that name `ref`: contracts using a message type, services on a queue or accepting a
    /// contract. (Routes and bindings name remote services by string, not local objects.)
    static QList<DesignRef> dependants(const BrokerDesign &design, const DesignRef &ref);

    /// Adds an object at `index` of its kind's list (-1 = at the end). Its name must be a valid
    /// identifier not yet used by that kind.
    static QString add(BrokerDesign &design, const DesignObject &object, int index = -1);
    /// Removes an object and what cannot exist without it: services on a removed queue; a removed
    /// message type leaves the contracts that used it, a removed contract the services that accepted it.
    static QString remove(BrokerDesign &design, const DesignRef &ref);
    /// Renames an object (a queue may also change schema) and every reference to it.
    static QString rename(BrokerDesign &design, const DesignRef &ref, const QString &newName, const QString &newSchema = {});
    /// Replaces an object by a changed value of the same kind and name (a property edit).
    static QString replace(BrokerDesign &design, const DesignObject &object);
    /// Sets one property (DesignProperties names them) to a value.
    static QString setProperty(BrokerDesign &design, const DesignRef &ref, const QString &property, const QVariant &value);
    /// Draws an edge: service → queue (its queue), service → contract (accepts it), contract →
    /// message type (a usage, SENT BY `sentBy`).
    static QString connect(BrokerDesign &design, const DesignRef &from, const DesignRef &to, SentBy sentBy = SentBy::Initiator);
    /// Removes an edge drawn by connect (a service keeps its queue until connected to another).
    static QString disconnect(BrokerDesign &design, const DesignRef &from, const DesignRef &to);
    /// The index of an object in its kind's list, or -1.
    static int indexOf(const BrokerDesign &design, const DesignRef &ref);
};

} // namespace bs

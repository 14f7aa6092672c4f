#pragma once

#include "core/design/brokerdesign.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bs {

/// What happens to one object when a database moves from one design to another.
struct DesignChange
{
    enum class Action { Create, Alter, Recreate, Drop };
    DesignRef ref;
    Action action = Action::Alter;
    QStringList differences; ///< "STATUS: ON → OFF", one per changed property
    QStringList warnings;    ///< what a destructive step does to messages or conversations
    QStringList statements;  ///< the T-SQL for this object, in the order the script runs them
    bool operator==(const DesignChange &) const = default;
};

QString designChangeActionName(DesignChange::Action action); ///< "create", "alter", "drop and create", "drop"

/// The migration from one design to another: the differences object by object and the script.
struct DesignMigration
{
    QList<DesignChange> changes; ///< in dependency order of their objects
    QString fromName;
    QString toName;
    QString script;  ///< the whole migration, ready to preview (never run without confirmation)
    bool isEmpty() const { return changes.isEmpty(); }
    int destructiveCount() const; ///< changes with a warning
    /// The differences as text, object by object, for the preview and the terminal.
    QString summary() const;
};

/// Compares two designs (or a design and a live catalog through BrokerDesign::fromCatalog) and
/// writes the migration script: ALTER where SQL Server allows it (message type validation, every
/// queue option, a service's queue and contracts, routes, bindings), DROP and CREATE where it does
/// not (a contract's message types, a route option that cannot be unset), with a warning for each
/// destructive step. The script runs in one transaction with XACT_ABORT ON, in an order that never
/// drops what something still needs. A pure function; goldens in tests/design/diff.
class DesignDiff
{
public:
    static DesignMigration diff(const BrokerDesign &from, const BrokerDesign &to, const QString &fromName = {},
                                const QString &toName = {});
};

} // namespace bs

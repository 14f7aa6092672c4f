#pragma once

#include "core/ops/operation.h"

#include <QList>
#include <QString>

namespace bs {

/// The permission an operation needs, as HAS_PERMS_BY_NAME takes it (sql/ops/permission.sql).
/// `securable` empty means the current database.
struct PermissionCheck
{
    QString securable;
    QString securableClass; ///< "OBJECT", "DATABASE"
    QString permission;     ///< "ALTER", "CONTROL"
    /// "ALTER on [dbo].[q]" for the message that says which permission is missing.
    QString describe() const;
    bool operator==(const PermissionCheck &) const = default;
};

/// One kind of operation: everything the single operations path needs to know about it.
struct OperationSpec
{
    OperationKind kind;
    QString id;            ///< stable key: audit rows, CLI, tests ("end-conversation")
    QString title;         ///< menu text ("End conversation")
    QString templateName;  ///< sql/ops/<templateName>.sql
    QString documentation; ///< Microsoft's page for the statement
    /// What it does, in the DBA's words, shown above the preview.
    QString effect;
    /// What it throws away or risks; empty when nothing. Shown in the preview as a warning.
    QString warning;
    /// True when a successful run changes the catalog (a queue's status, activation or readers, a
    /// database option, a deployed script): the views showing the catalog read it again.
    bool changesCatalog = false;
};

/// The registry of operations: one entry per OperationKind, in menu order.
class OperationRegistry
{
public:
    static const QList<OperationSpec> &all();
    static const OperationSpec &spec(OperationKind kind);
    /// nullptr when there is no such id.
    static const OperationSpec *find(const QString &id);

    /// The permission `op` needs on the server. END CONVERSATION on someone else's conversation
    /// and WITH CLEANUP need db_owner or sysadmin (END CONVERSATION page, Permissions); CONTROL on
    /// the database is what db_owner holds, so that is what is checked. ALTER QUEUE needs ALTER
    /// on the queue (ALTER QUEUE page, Permissions). Poison quarantine alters the queue, creates
    /// a table and ends a conversation: CONTROL on the database. ALTER DATABASE needs ALTER on the
    /// database; a test message RECEIVE on the initiator's queue (BEGIN DIALOG page).
    static PermissionCheck permission(const Operation &op);
    /// Why `op` cannot be run as given (no handle, code ≤ 0, description too long, readers out of
    /// 0–32767, no queue); empty when it can.
    static QString validate(const Operation &op);
    /// One line for the audit and the history: "End conversation 5f3c… with error 50001".
    static QString summary(const Operation &op);
    /// What `op` does (the spec's effect, and for a database option what it does to conversations).
    static QString effect(const Operation &op);
    /// What `op` risks (the spec's warning, and WITH ROLLBACK IMMEDIATE's); empty when nothing.
    static QString warning(const Operation &op);
    /// "ENABLE_BROKER", "NEW_BROKER", … for ALTER DATABASE … SET.
    static QString brokerOptionKeyword(BrokerSwitch option);
    /// What `option` does to the database's existing conversations, for the preview.
    static QString brokerOptionEffect(BrokerSwitch option);
};

} // namespace bs

#pragma once

#include <QString>

namespace bs {

/// Administrative T-SQL a DBA may be offered to run about the broker itself, generated with the
/// project's quoting functions so any database name is safe.
class BrokerStatements
{
public:
    /// `ALTER DATABASE [db] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;` — enabling the broker needs
    /// an exclusive database lock, so other sessions' transactions are rolled back
    /// (ALTER DATABASE SET options: `SET <service_broker_option> [WITH <termination>]`,
    /// learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options).
    static QString enableBroker(const QString &databaseName);
};

} // namespace bs

#pragma once

#include <QString>

namespace bs {

/// The one place the ENABLE_BROKER statement is written (the catalog's "Enable broker" action,
/// `catalog` on the command line, the disabled-broker alert's fix script and the install
/// scripts' warning all use it):
/// `ALTER DATABASE [db] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;`, or `ALTER DATABASE CURRENT …`
/// when `database` is empty. ALTER DATABASE SET options: `ALTER DATABASE { database_name | CURRENT }
/// SET <service_broker_option> [ WITH <termination> ]`, <service_broker_option> ::= ENABLE_BROKER,
/// <termination> ::= ROLLBACK IMMEDIATE
/// (learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options).
/// Enabling the broker needs an exclusive lock on the database, hence ROLLBACK IMMEDIATE.
QString enableBrokerStatement(const QString &database);

/// The comment lines that go with it in a script a DBA reads (what ROLLBACK IMMEDIATE does, and
/// NEW_BROKER for a restored copy), each starting with "-- " and ending with a line break.
QString enableBrokerNote();

} // namespace bs

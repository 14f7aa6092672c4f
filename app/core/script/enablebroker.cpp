#include "core/script/enablebroker.h"

#include "core/sqlquote.h"

namespace bs {

QString enableBrokerStatement(const QString &database)
{
    const QString target = database.isEmpty() ? QStringLiteral("CURRENT") : quoteIdentifier(database);
    return QStringLiteral("ALTER DATABASE ") + target + QStringLiteral(" SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;");
}

QString enableBrokerNote()
{
    return QStringLiteral(
        "-- ENABLE_BROKER needs an exclusive lock on the database: ROLLBACK IMMEDIATE ends other sessions.\n"
        "-- A restored copy whose broker GUID is already in use on this instance needs NEW_BROKER instead,\n"
        "-- which ends every conversation without telling the far side.\n");
}

} // namespace bs

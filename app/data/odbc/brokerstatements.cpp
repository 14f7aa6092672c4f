#include "data/odbc/brokerstatements.h"

#include "core/sqlquote.h"

namespace bs {

QString BrokerStatements::enableBroker(const QString &databaseName)
{
    return QStringLiteral("ALTER DATABASE ") + quoteIdentifier(databaseName)
        + QStringLiteral(" SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;");
}

} // namespace bs

#include "data/odbc/brokerstatements.h"

#include "core/script/enablebroker.h"

namespace bs {

QString BrokerStatements::enableBroker(const QString &databaseName)
{
    // The one ENABLE_BROKER text (core/script/enablebroker.h); an empty name is the current database.
    return enableBrokerStatement(databaseName);
}

} // namespace bs

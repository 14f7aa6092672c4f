#pragma once

#include <QStringList>

namespace bs {

/// The ODBC drivers and data sources registered with the driver manager (unixODBC's
/// SQLDrivers/SQLDataSources), and which driver to offer first for SQL Server.
class OdbcDrivers
{
public:
    static QStringList installed();
    /// User and system DSNs.
    static QStringList dataSources();
    /// ODBC Driver 18 for SQL Server, then 17, then any newer Microsoft driver, then FreeTDS,
    /// then the first driver; empty when there is none.
    static QString preferred(const QStringList &drivers);
};

} // namespace bs

#pragma once

#include <QStringList>

namespace bs {

/// The ODBC drivers and data sources registered with the driver manager (unixODBC's
/// SQLDrivers/SQLDataSources), the driver manager's own version, and which driver to offer first
/// for SQL Server. The one place that asks the driver manager about itself.
class OdbcDrivers
{
public:
    static QStringList installed();
    /// The driver manager's SQL_DM_VER, "##.##.####.####" (ODBC major.minor, then the driver
    /// manager's major and minor build), e.g. "03.52.0002.0003" for unixODBC 2.3.x; empty when
    /// the driver manager does not answer.
    static QString driverManagerVersion();
    /// User and system DSNs.
    static QStringList dataSources();
    /// ODBC Driver 18 for SQL Server, then 17, then any newer Microsoft driver, then FreeTDS,
    /// then the first driver; empty when there is none.
    static QString preferred(const QStringList &drivers);
};

} // namespace bs

#pragma once

#include <QString>
#include <QStringList>

namespace bs {

/// Facts about the database stack the application runs on (the ODBC driver manager, the ODBC
/// drivers it knows, Qt's SQL drivers), for the About dialog and bug reports. Asks the driver
/// manager bs_data is linked with, through OdbcDrivers like the rest of the application.
class PlatformInfo
{
public:
    /// The ODBC driver manager's SQL_DM_VER, "##.##.####.####" (ODBC major.minor, then the
    /// driver manager's major and minor build), e.g. "03.52.0002.0003" for unixODBC 2.3.x;
    /// empty when the driver manager does not answer (OdbcDrivers::driverManagerVersion).
    static QString odbcDriverManagerVersion();
    /// The file name of the driver manager library this process calls ("libodbc.so.2");
    /// empty when the system cannot say.
    static QString odbcDriverManagerLibrary();
    /// Names of the ODBC drivers the driver manager knows (odbcinst.ini on Linux), sorted.
    static QStringList odbcDrivers();
    /// Qt's SQL driver plugins available to this process (QSqlDatabase::drivers()).
    static QStringList qtSqlDrivers();
};

} // namespace bs

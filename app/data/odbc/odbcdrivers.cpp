#include "data/odbc/odbcdrivers.h"

#include "data/odbc/odbcconnectionstring.h"

#include <sql.h>
#include <sqlext.h>

namespace bs {

namespace {

/// An ODBC 3 environment handle for the driver manager's catalog functions.
class Environment
{
public:
    Environment()
    {
        if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &m_env)))
            m_env = SQL_NULL_HENV;
        else
            SQLSetEnvAttr(m_env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    }
    ~Environment()
    {
        if (m_env != SQL_NULL_HENV)
            SQLFreeHandle(SQL_HANDLE_ENV, m_env);
    }
    Environment(const Environment &) = delete;
    Environment &operator=(const Environment &) = delete;
    SQLHENV handle() const { return m_env; }

private:
    SQLHENV m_env = SQL_NULL_HENV;
};

} // namespace

QStringList OdbcDrivers::installed()
{
    Environment env;
    QStringList drivers;
    if (env.handle() == SQL_NULL_HENV)
        return drivers;
    SQLCHAR name[512];
    SQLCHAR attributes[2048];
    SQLSMALLINT nameLength = 0;
    SQLSMALLINT attributesLength = 0;
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    while (SQL_SUCCEEDED(SQLDrivers(env.handle(), direction, name, sizeof(name), &nameLength, attributes,
                                    sizeof(attributes), &attributesLength))) {
        direction = SQL_FETCH_NEXT;
        drivers.append(QString::fromUtf8(reinterpret_cast<const char *>(name)));
    }
    return drivers;
}

QString OdbcDrivers::driverManagerVersion()
{
    Environment env;
    if (env.handle() == SQL_NULL_HENV)
        return QString();
    // SQL_DM_VER is answered by the driver manager itself, so an unconnected connection handle
    // suffices (SQLGetInfo: https://learn.microsoft.com/sql/odbc/reference/syntax/sqlgetinfo-function).
    SQLHDBC dbc = SQL_NULL_HDBC;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env.handle(), &dbc)))
        return QString();
    SQLCHAR buffer[64] = {};
    SQLSMALLINT length = 0;
    const SQLRETURN rc = SQLGetInfo(dbc, SQL_DM_VER, buffer, SQLSMALLINT(sizeof buffer), &length);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    if (!SQL_SUCCEEDED(rc))
        return QString();
    return QString::fromLatin1(reinterpret_cast<const char *>(buffer)).trimmed();
}

QStringList OdbcDrivers::dataSources()
{
    Environment env;
    QStringList sources;
    if (env.handle() == SQL_NULL_HENV)
        return sources;
    SQLCHAR name[SQL_MAX_DSN_LENGTH + 1];
    SQLCHAR description[512];
    SQLSMALLINT nameLength = 0;
    SQLSMALLINT descriptionLength = 0;
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    while (SQL_SUCCEEDED(SQLDataSources(env.handle(), direction, name, sizeof(name), &nameLength, description,
                                        sizeof(description), &descriptionLength))) {
        direction = SQL_FETCH_NEXT;
        sources.append(QString::fromUtf8(reinterpret_cast<const char *>(name)));
    }
    return sources;
}

QString OdbcDrivers::preferred(const QStringList &drivers)
{
    for (const QString &wanted : {QStringLiteral("ODBC Driver 18 for SQL Server"),
                                  QStringLiteral("ODBC Driver 17 for SQL Server")}) {
        for (const QString &d : drivers) {
            if (d.compare(wanted, Qt::CaseInsensitive) == 0)
                return d;
        }
    }
    for (const QString &d : drivers) {
        if (OdbcConnectionString::familyOf(d) == OdbcDriverFamily::Microsoft18)
            return d;
    }
    for (const QString &d : drivers) {
        if (OdbcConnectionString::familyOf(d) == OdbcDriverFamily::FreeTds)
            return d;
    }
    return drivers.value(0);
}

} // namespace bs

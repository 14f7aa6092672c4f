#include "data/platforminfo.h"

#include "data/odbc/odbcdrivers.h"

#include <QFileInfo>
#include <QLibrary>
#include <QSqlDatabase>

#ifdef Q_OS_WIN
#include <windows.h>
#endif
#include <sql.h>
#include <sqlext.h>


namespace bs {

namespace {

// The driver manager is loaded with QLibrary rather than linked: QODBC already depends on it,
// and the About dialog must still open (saying "not found") on a machine without it.
struct DriverManager
{
    decltype(&::SQLAllocHandle) allocHandle = nullptr;
    decltype(&::SQLFreeHandle) freeHandle = nullptr;
    decltype(&::SQLSetEnvAttr) setEnvAttr = nullptr;
    decltype(&::SQLGetInfo) getInfo = nullptr;
    decltype(&::SQLDrivers) drivers = nullptr;
    QString fileName;

    bool isValid() const { return allocHandle && freeHandle && setEnvAttr && getInfo && drivers; }
};

const DriverManager &driverManager()
{
    static const DriverManager dm = [] {
        DriverManager result;
        struct Candidate
        {
            QString name;
            int version;
        };
#if defined(Q_OS_WIN)
        const Candidate candidates[] = {{QStringLiteral("odbc32"), -1}};
#else
        // unixODBC first (Debian's libodbc2), then iODBC.
        const Candidate candidates[] = {{QStringLiteral("odbc"), 2}, {QStringLiteral("odbc"), -1},
                                        {QStringLiteral("iodbc"), 2}};
#endif
        for (const Candidate &c : candidates) {
            // Never unloaded: the handles are freed before returning, the library stays mapped.
            auto *library = new QLibrary(c.name, c.version);
            if (!library->load()) {
                delete library;
                continue;
            }
            result.allocHandle = reinterpret_cast<decltype(result.allocHandle)>(library->resolve("SQLAllocHandle"));
            result.freeHandle = reinterpret_cast<decltype(result.freeHandle)>(library->resolve("SQLFreeHandle"));
            result.setEnvAttr = reinterpret_cast<decltype(result.setEnvAttr)>(library->resolve("SQLSetEnvAttr"));
            result.getInfo = reinterpret_cast<decltype(result.getInfo)>(library->resolve("SQLGetInfo"));
            result.drivers = reinterpret_cast<decltype(result.drivers)>(library->resolve("SQLDrivers"));
            if (result.isValid()) {
                result.fileName = QFileInfo(library->fileName()).fileName();
                return result;
            }
            result = DriverManager();
            library->unload();
            delete library;
        }
        return result;
    }();
    return dm;
}

// An ODBC 3 environment handle, freed on scope exit.
class Environment
{
public:
    explicit Environment(const DriverManager &dm)
        : m_dm(dm)
    {
        if (!m_dm.isValid() || !SQL_SUCCEEDED(m_dm.allocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &m_env))) {
            m_env = SQL_NULL_HANDLE;
            return;
        }
        m_dm.setEnvAttr(m_env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(quintptr(SQL_OV_ODBC3)), 0);
    }
    ~Environment()
    {
        if (m_env != SQL_NULL_HANDLE)
            m_dm.freeHandle(SQL_HANDLE_ENV, m_env);
    }
    Environment(const Environment &) = delete;
    Environment &operator=(const Environment &) = delete;

    SQLHANDLE handle() const { return m_env; }

private:
    const DriverManager &m_dm;
    SQLHANDLE m_env = SQL_NULL_HANDLE;
};

} // namespace

QString PlatformInfo::odbcDriverManagerVersion()
{
    const DriverManager &dm = driverManager();
    const Environment env(dm);
    if (env.handle() == SQL_NULL_HANDLE)
        return QString();
    // SQL_DM_VER is answered by the driver manager itself, so an unconnected connection handle
    // suffices (SQLGetInfo: https://learn.microsoft.com/sql/odbc/reference/syntax/sqlgetinfo-function).
    SQLHANDLE dbc = SQL_NULL_HANDLE;
    if (!SQL_SUCCEEDED(dm.allocHandle(SQL_HANDLE_DBC, env.handle(), &dbc)))
        return QString();
    SQLCHAR buffer[64] = {};
    SQLSMALLINT length = 0;
    const SQLRETURN rc = dm.getInfo(dbc, SQL_DM_VER, buffer, SQLSMALLINT(sizeof buffer), &length);
    dm.freeHandle(SQL_HANDLE_DBC, dbc);
    if (!SQL_SUCCEEDED(rc))
        return QString();
    return QString::fromLatin1(reinterpret_cast<const char *>(buffer)).trimmed();
}

QString PlatformInfo::odbcDriverManagerLibrary()
{
    return driverManager().fileName;
}

QStringList PlatformInfo::odbcDrivers()
{
    // The same list the connection dialog offers.
    QStringList names = OdbcDrivers::installed();
    names.sort(Qt::CaseInsensitive);
    return names;
}

QStringList PlatformInfo::qtSqlDrivers()
{
    QStringList drivers = QSqlDatabase::drivers();
    drivers.sort();
    return drivers;
}

} // namespace bs

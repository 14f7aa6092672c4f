#include "data/platforminfo.h"

#include "data/odbc/odbcdrivers.h"

#include <QFileInfo>
#include <QSqlDatabase>

#if defined(Q_OS_WIN)
#include <windows.h>
#else
#include <dlfcn.h>
#endif
#include <sql.h>
#include <sqlext.h>

namespace bs {

namespace {

// The file that holds a function of the driver manager bs_data is linked with: the library that
// answers every ODBC call of this process, whatever its name on this system.
QString libraryOf(const void *function)
{
#if defined(Q_OS_WIN)
    HMODULE module = nullptr;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            static_cast<LPCWSTR>(function), &module))
        return QString();
    wchar_t path[MAX_PATH] = {};
    const DWORD length = GetModuleFileNameW(module, path, MAX_PATH);
    return length == 0 ? QString() : QFileInfo(QString::fromWCharArray(path, int(length))).fileName();
#else
    // dladdr names the object as the dynamic loader opened it (the soname, e.g. libodbc.so.2).
    Dl_info info = {};
    if (dladdr(function, &info) == 0 || !info.dli_fname)
        return QString();
    return QFileInfo(QString::fromLocal8Bit(info.dli_fname)).fileName();
#endif
}

} // namespace

QString PlatformInfo::odbcDriverManagerVersion()
{
    return OdbcDrivers::driverManagerVersion();
}

QString PlatformInfo::odbcDriverManagerLibrary()
{
    static const QString name = libraryOf(reinterpret_cast<const void *>(&::SQLAllocHandle));
    return name;
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

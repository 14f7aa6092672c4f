#include "data/odbchandle.h"

#include <QSqlQuery>
#include <QSqlResult>
#include <QVariant>

#include <sql.h>
#include <sqlext.h>

namespace bs {

void *odbcStatementHandle(const QSqlQuery &query)
{
    const QSqlResult *result = query.result();
    if (!result)
        return nullptr;
    // QODBCResult::handle() returns QVariant::fromValue(hStmt) with SQLHANDLE = void*, whose Qt 6
    // metatype name is "void*"; comparing the metatype, not the name, also rejects other drivers'
    // handles (QSQLITE's sqlite3_stmt*, QPSQL's PGresult*).
    const QVariant v = result->handle();
    if (!v.isValid() || v.metaType() != QMetaType::fromType<SQLHANDLE>())
        return nullptr;
    return *static_cast<const SQLHANDLE *>(v.constData());
}

bool setOdbcQueryTimeout(QSqlQuery &query, int seconds)
{
    SQLHANDLE stmt = odbcStatementHandle(query);
    if (!stmt)
        return false;
    // SQL_ATTR_QUERY_TIMEOUT takes an SQLULEN passed by value in the pointer argument
    // (SQLSetStmtAttr, ODBC 3.x reference); the string length argument is ignored for it.
    const SQLRETURN r = SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT,
                                       reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(seconds < 0 ? 0 : seconds)), 0);
    return SQL_SUCCEEDED(r);
}

} // namespace bs

#pragma once

class QSqlQuery;

namespace bs {

/// QODBC's native ODBC statement handle of a query (a SQLHSTMT), or nullptr when the query has
/// no result yet or its driver is not QODBC. Qt 6 hands it out through QSqlResult::handle() as
/// a QVariant whose metatype is `void*` (Qt 5 named it "SQLHANDLE"). The handle belongs to
/// QODBC: use it between prepare() and exec(), or right after a failed exec(), never free it.
void *odbcStatementHandle(const QSqlQuery &query);

/// Sets SQL_ATTR_QUERY_TIMEOUT (seconds, 0 = none) on the query's ODBC statement handle, so
/// the driver cancels an execution that runs longer. Call it after prepare() and before exec():
/// QODBC keeps the prepared statement's handle for the execution. Returns false when there is
/// no ODBC statement handle or the driver refused the attribute.
bool setOdbcQueryTimeout(QSqlQuery &query, int seconds);

} // namespace bs

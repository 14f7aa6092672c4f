#include "data/runner/odbcbatchexecutor.h"

#include "data/odbc/odbcconnectionstring.h"
#include "data/odbchandle.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

#include <sql.h>
#include <sqlext.h>

namespace bs {

namespace {

// Driver-specific diagnostic field with the error's line in the batch or procedure: the same
// value (-1154) in Microsoft's msodbcsql.h/sqlncli.h (SQL_DIAG_SS_BASE - 4) and FreeTDS's
// odbcss.h. Microsoft documents it as a 16-bit unsigned integer (Native Client SQLGetDiagField).
constexpr SQLSMALLINT DiagSsLine = -1154;

static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "unixODBC with 2-byte SQLWCHAR expected");

// "[unixODBC][FreeTDS][SQL Server]Invalid object name 'x'." -> "Invalid object name 'x'."
QString serverText(const QString &driverText)
{
    static const QRegularExpression prefix(QStringLiteral("^(\\[[^\\]]*\\])+"));
    return driverText.trimmed().remove(prefix).trimmed();
}

// Reads every diagnostic record of the failed call. The records stay on the statement
// until the next ODBC call on it, and QODBC only reads them with SQLGetDiagRec too.
bool readDiagnostics(SQLHANDLE stmt, ExecResult *out)
{
    if (!stmt)
        return false;
    bool found = false;
    for (SQLSMALLINT rec = 1; rec < 100; ++rec) {
        SQLWCHAR state[6] = {};
        SQLINTEGER native = 0;
        SQLWCHAR text[4096] = {};
        SQLSMALLINT length = 0;
        const SQLRETURN r = SQLGetDiagRecW(SQL_HANDLE_STMT, stmt, rec, state, &native, text,
                                           SQLSMALLINT(std::size(text)), &length);
        if (!SQL_SUCCEEDED(r))
            break;
        const QString raw = QString::fromUtf16(reinterpret_cast<const char16_t *>(text),
                                               qMin<qsizetype>(length, qsizetype(std::size(text)) - 1));
        const QString sqlState = QString::fromUtf16(reinterpret_cast<const char16_t *>(state), 5);
        out->messages.append(raw);
        // SQLSTATE class 01 is a warning or an informational message (PRINT gives 01000).
        if (!found && !sqlState.startsWith(QLatin1String("01"))) {
            found = true;
            out->message = serverText(raw);
            out->errorNumber = int(native);
            // Zero-filled 32-bit buffer: correct whether the driver writes 16 or 32 bits.
            SQLUINTEGER line = 0;
            if (SQL_SUCCEEDED(SQLGetDiagFieldW(SQL_HANDLE_STMT, stmt, rec, DiagSsLine, &line, SQL_IS_UINTEGER, nullptr)))
                out->line = int(line & 0xFFFFu);
        }
    }
    return found;
}

/// Runs one batch on a statement handle of our own on the connection, published in the slot so that
/// another thread can cancel it: SQLExecDirectW (the text reaches the server as written, no
/// placeholder parsing), then SQLMoreResults through every result, since an error in a later
/// statement of the batch surfaces on its own result.
void executeOn(QSqlDatabase &db, StatementSlot &slot, const QString &batch, int timeoutSeconds, ExecResult *out)
{
    const QVariant dbcHandle = db.driver() ? db.driver()->handle() : QVariant();
    if (!dbcHandle.isValid() || dbcHandle.metaType() != QMetaType::fromType<SQLHANDLE>()) {
        out->ok = false;
        out->message = QStringLiteral("The connection is not an ODBC connection.");
        return;
    }
    SQLHANDLE dbc = *static_cast<const SQLHANDLE *>(dbcHandle.constData());
    SQLHSTMT stmt = nullptr;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
        out->ok = false;
        out->message = QStringLiteral("The driver could not allocate a statement.");
        return;
    }
    // SQL_ATTR_QUERY_TIMEOUT takes an SQLULEN by value (SQLSetStmtAttr).
    SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(timeoutSeconds)), 0);
    if (slot.set(stmt)) {
        std::u16string text = batch.toStdU16String();
        SQLRETURN r = SQLExecDirectW(stmt, reinterpret_cast<SQLWCHAR *>(text.data()), SQLINTEGER(text.size()));
        while (r != SQL_ERROR && r != SQL_INVALID_HANDLE) {
            r = SQLMoreResults(stmt);
            if (r == SQL_NO_DATA)
                break;
        }
        if (r == SQL_ERROR || r == SQL_INVALID_HANDLE) {
            out->ok = false;
            if (!readDiagnostics(stmt, out))
                out->message = QStringLiteral("The driver reported an error without a message.");
        }
    } else {
        out->ok = false;
        out->message = QStringLiteral("Cancelled before the batch was sent.");
    }
    slot.clear();
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

ExecResult failure(const QSqlQuery &query)
{
    ExecResult r;
    r.ok = false;
    if (!readDiagnostics(static_cast<SQLHANDLE>(odbcStatementHandle(query)), &r)) {
        const QSqlError e = query.lastError();
        r.message = serverText(e.databaseText().isEmpty() ? e.driverText() : e.databaseText());
        r.errorNumber = e.nativeErrorCode().toInt();
        r.messages.append(e.text());
    }
    return r;
}

/// One statement with its values bound to its `?` markers: prepare() + bound values, so the
/// driver sends an RPC (sp_prepexec / sp_executesql) whose values travel as parameters. The
/// prepared statement's handle goes in the slot so that cancel() reaches it.
void queryOn(QSqlDatabase &db, StatementSlot &slot, const QString &statement, const QVariantList &values,
             QList<QVariantList> *rows, int maxRows, int timeoutSeconds, ExecResult *out)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(statement)) {
        *out = failure(q);
        return;
    }
    if (auto *stmt = static_cast<SQLHANDLE>(odbcStatementHandle(q))) {
        // SQL_ATTR_QUERY_TIMEOUT takes an SQLULEN by value (SQLSetStmtAttr).
        SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(timeoutSeconds)), 0);
        if (!slot.set(stmt)) {
            out->ok = false;
            out->message = QStringLiteral("Cancelled before the statement was sent.");
            return;
        }
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    const bool ran = q.exec();
    if (ran && rows) {
        const int columns = q.record().count();
        while ((maxRows < 0 || rows->size() < maxRows) && q.next()) {
            QVariantList row;
            row.reserve(columns);
            for (int c = 0; c < columns; ++c)
                row.append(q.value(c));
            rows->append(row);
        }
    }
    if (ran) {
        while (q.nextResult()) {
        }
    }
    if (!ran || q.lastError().isValid())
        *out = failure(q);
    slot.clear();
}

} // namespace

OdbcBatchExecutor::OdbcBatchExecutor(const QString &connectionString)
    : m_connection(connectionString, OdbcConnectionString::describe(connectionString))
{
}

OdbcBatchExecutor::~OdbcBatchExecutor()
{
    close();
}

bool OdbcBatchExecutor::open(QString *error)
{
    QString why;
    if (m_connection.open(LoginTimeoutSeconds, QString(), &why))
        return true;
    if (error)
        *error = serverText(why);
    return false;
}

ExecResult OdbcBatchExecutor::execute(const QString &batch)
{
    auto result = std::make_shared<ExecResult>();
    const int timeout = m_batchTimeoutSeconds;
    QString why;
    const GuardedConnection::Outcome outcome = m_connection.run(
        [batch, timeout, result](QSqlDatabase &db, StatementSlot &slot) { executeOn(db, slot, batch, timeout, result.get()); },
        timeout, &why);
    if (outcome == GuardedConnection::Outcome::Ok)
        return *result;
    ExecResult failed;
    failed.ok = false;
    failed.message = why;
    failed.messages.append(why);
    return failed;
}

void OdbcBatchExecutor::cancel()
{
    m_connection.cancel();
}

ExecResult OdbcBatchExecutor::executeWithParameters(const QString &statement, const QVariantList &values)
{
    return query(statement, values, nullptr);
}

ExecResult OdbcBatchExecutor::query(const QString &statement, const QVariantList &values, QList<QVariantList> *rows,
                                    int maxRows)
{
    // On the guarded connection like execute(): our deadline and cancel() hold for operations too.
    auto result = std::make_shared<ExecResult>();
    auto read = std::make_shared<QList<QVariantList>>();
    const bool wantRows = rows != nullptr;
    const int timeout = m_batchTimeoutSeconds;
    QString why;
    const GuardedConnection::Outcome outcome = m_connection.run(
        [statement, values, maxRows, wantRows, timeout, result, read](QSqlDatabase &db, StatementSlot &slot) {
            queryOn(db, slot, statement, values, wantRows ? read.get() : nullptr, maxRows, timeout, result.get());
        },
        timeout, &why);
    if (outcome != GuardedConnection::Outcome::Ok) {
        ExecResult failed;
        failed.ok = false;
        failed.message = why;
        failed.messages.append(why);
        return failed;
    }
    if (rows)
        *rows = *read;
    return *result;
}

void OdbcBatchExecutor::close()
{
    m_connection.close();
}

} // namespace bs

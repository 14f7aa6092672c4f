#include "data/runner/odbcbatchexecutor.h"

#include "data/odbchandle.h"

#include <QAtomicInt>
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

QAtomicInt s_connectionSerial;

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

ExecResult failure(const QSqlQuery &query)
{
    ExecResult r;
    r.ok = false;
    if (!readDiagnostics(odbcStatementHandle(query), &r)) {
        const QSqlError e = query.lastError();
        r.message = serverText(e.databaseText().isEmpty() ? e.driverText() : e.databaseText());
        r.errorNumber = e.nativeErrorCode().toInt();
        r.messages.append(e.text());
    }
    return r;
}

} // namespace

OdbcBatchExecutor::OdbcBatchExecutor(const QString &connectionString)
    : m_connectionString(connectionString)
    , m_connectionName(QStringLiteral("bs-script-runner-%1").arg(s_connectionSerial.fetchAndAddRelaxed(1)))
{
}

OdbcBatchExecutor::~OdbcBatchExecutor()
{
    close();
}

bool OdbcBatchExecutor::open(QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QODBC"), m_connectionName);
    if (!db.isValid()) {
        if (error)
            *error = QStringLiteral("The Qt ODBC driver (QODBC) is not available; install libqt6sql6-odbc.");
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    db.setDatabaseName(m_connectionString);
    db.setConnectOptions(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=15"));
    if (!db.open()) {
        if (error) {
            const QSqlError e = db.lastError();
            *error = serverText(e.databaseText().isEmpty() ? e.text() : e.databaseText());
        }
        return false;
    }
    return true;
}

ExecResult OdbcBatchExecutor::execute(const QString &batch)
{
    ExecResult ok;
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName) ? QSqlDatabase::database(m_connectionName, false)
                                                               : QSqlDatabase();
    if (!db.isOpen()) {
        ok.ok = false;
        ok.message = QStringLiteral("The connection is not open.");
        return ok;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // exec(text) is SQLExecDirect: no placeholder parsing, so the batch reaches the server as written.
    if (!query.exec(batch))
        return failure(query);
    // An error in a later statement of the batch surfaces on its result, not on the first.
    while (query.nextResult()) {
    }
    if (query.lastError().isValid())
        return failure(query);
    return ok;
}

ExecResult OdbcBatchExecutor::executeWithParameters(const QString &statement, const QVariantList &values)
{
    return query(statement, values, nullptr);
}

ExecResult OdbcBatchExecutor::query(const QString &statement, const QVariantList &values, QList<QVariantList> *rows,
                                    int maxRows)
{
    ExecResult ok;
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName) ? QSqlDatabase::database(m_connectionName, false)
                                                               : QSqlDatabase();
    if (!db.isOpen()) {
        ok.ok = false;
        ok.message = QStringLiteral("The connection is not open.");
        return ok;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // prepare() + bound values: the driver sends an RPC (sp_prepexec / sp_executesql) whose
    // statement is the text with each ? named @P1, @P2, ... and whose values travel as parameters.
    if (!q.prepare(statement))
        return failure(q);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return failure(q);
    if (rows) {
        const int columns = q.record().count();
        while ((maxRows < 0 || rows->size() < maxRows) && q.next()) {
            QVariantList row;
            row.reserve(columns);
            for (int c = 0; c < columns; ++c)
                row.append(q.value(c));
            rows->append(row);
        }
    }
    while (q.nextResult()) {
    }
    if (q.lastError().isValid())
        return failure(q);
    return ok;
}

void OdbcBatchExecutor::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace bs

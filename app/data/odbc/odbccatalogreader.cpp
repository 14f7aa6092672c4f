#include "data/odbc/odbccatalogreader.h"

#include "data/odbc/odbcconnectionstring.h"
#include "data/odbchandle.h"
#include "data/querylibrary.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace bs {

namespace {

/// A catalog query blocked longer than this (a schema lock held by an ALTER QUEUE, say) is
/// cancelled by the driver and reported, instead of leaving the explorer on "Reading…".
constexpr int CatalogQueryTimeoutSeconds = 30;

QueryResult runQuery(QSqlDatabase &db, const QString &name)
{
    const QString text = QueryLibrary::text(name);
    if (text.isEmpty())
        return QueryResult::failure(QStringLiteral("No query named %1 in sql/.").arg(name));
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // The timeout goes on the prepared statement's handle, before it runs.
    if (!query.prepare(text))
        return QueryResult::failure(OdbcCatalogReader::driverMessage(query.lastError()),
                                    query.lastError().nativeErrorCode());
    setOdbcQueryTimeout(query, CatalogQueryTimeoutSeconds);
    if (!query.exec())
        return QueryResult::failure(OdbcCatalogReader::driverMessage(query.lastError()),
                                    query.lastError().nativeErrorCode());
    QueryResult result;
    const QSqlRecord record = query.record();
    for (int i = 0; i < record.count(); ++i)
        result.columns.append(record.fieldName(i));
    while (query.next()) {
        QVariantList row;
        row.reserve(record.count());
        for (int i = 0; i < record.count(); ++i)
            row.append(query.value(i));
        result.rows.append(row);
    }
    if (query.lastError().isValid())
        return QueryResult::failure(OdbcCatalogReader::driverMessage(query.lastError()),
                                    query.lastError().nativeErrorCode());
    return result;
}

} // namespace

QString OdbcCatalogReader::driverMessage(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        return error.text().trimmed();
    // QODBC joins every diagnostic record with a space; each starts with "[vendor][component]".
    static const QRegularExpression recordStart(QStringLiteral("\\s(?=\\[[^\\]]+\\]\\[)"));
    QStringList lines;
    for (const QString &part : text.split(recordStart, Qt::SkipEmptyParts)) {
        const QString line = part.trimmed();
        if (!line.isEmpty() && !lines.contains(line))
            lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

QString OdbcCatalogReader::progressText(const QString &queryName)
{
    QString what = queryName.section(QLatin1Char('.'), 1);
    what.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (what == QLatin1String("database"))
        what = QStringLiteral("database flags");
    return QStringLiteral("Reading %1…").arg(what);
}

QThreadPool *OdbcCatalogReader::threadPool()
{
    // Deliberately never destroyed: a static pool's destructor would wait at exit for a blocking
    // ODBC connect that the user abandoned, keeping the process alive for the login timeout.
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(4);
        // Idle threads end quickly, so an abandoned connect leaves nothing behind for long.
        p->setExpiryTimeout(5000);
        return p;
    }();
    return pool;
}

OdbcReadResult OdbcCatalogReader::run(const QString &connectionString, int loginTimeoutSeconds,
                                      const QStringList &queries, const CancelCheck &isCancelled,
                                      const Progress &progress)
{
    OdbcReadResult out;
    QElapsedTimer timer;
    timer.start();
    QString why;
    const QString qodbcName = OdbcConnectionString::forQodbc(connectionString, &why);
    if (qodbcName.isEmpty()) {
        out.connectError = why;
        return out;
    }
    // One named connection per worker visit, opened and removed on this thread (QSqlDatabase
    // connections must not cross threads).
    const QString connectionName = QStringLiteral("bs-odbc-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QODBC"), connectionName);
        if (!db.isValid()) {
            out.connectError = QStringLiteral("Qt's ODBC plugin (QODBC) is not installed.");
        } else {
            db.setDatabaseName(qodbcName);
            // SQL_ATTR_LOGIN_TIMEOUT bounds the login; SQL_ATTR_CONNECTION_TIMEOUT bounds each request.
            db.setConnectOptions(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1;SQL_ATTR_CONNECTION_TIMEOUT=%2")
                                     .arg(qMax(1, loginTimeoutSeconds))
                                     .arg(qMax(30, loginTimeoutSeconds * 4)));
            if (progress)
                progress(QStringLiteral("Connecting…"));
            if (!db.open()) {
                out.connectError = driverMessage(db.lastError());
                if (out.connectError.isEmpty())
                    out.connectError = QStringLiteral("The ODBC driver refused the connection without a message.");
            } else {
                out.connected = true;
                for (const QString &name : queries) {
                    if (isCancelled && isCancelled())
                        break;
                    if (progress)
                        progress(progressText(name));
                    out.results.insert(name, runQuery(db, name));
                }
                db.close();
            }
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    out.elapsedMs = timer.elapsed();
    return out;
}

} // namespace bs

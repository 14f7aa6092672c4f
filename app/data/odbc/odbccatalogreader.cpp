#include "data/odbc/odbccatalogreader.h"

#include "data/odbc/guardedconnection.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/querylibrary.h"

#include <QElapsedTimer>
#include <QRegularExpression>

namespace bs {

namespace {

/// A catalog query blocked longer than this (a schema lock held by an ALTER QUEUE, say) is
/// cancelled and reported, instead of leaving the explorer on "Reading…".
constexpr int CatalogQueryTimeoutSeconds = 30;

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
    // Every call runs on the guarded connection's own thread, with a deadline of ours that does
    // not depend on the driver honouring its timeouts (issue #11).
    GuardedConnection connection(qodbcName, OdbcConnectionString::describe(connectionString));
    if (progress)
        progress(QStringLiteral("Connecting…"));
    // SQL_ATTR_CONNECTION_TIMEOUT bounds each request the driver makes on the connection.
    const QString options = QStringLiteral("SQL_ATTR_CONNECTION_TIMEOUT=%1").arg(qMax(30, loginTimeoutSeconds * 4));
    if (!connection.open(loginTimeoutSeconds, options, &out.connectError)) {
        out.elapsedMs = timer.elapsed();
        return out;
    }
    out.connected = true;
    for (const QString &name : queries) {
        if (isCancelled && isCancelled())
            break;
        if (progress)
            progress(progressText(name));
        const QString text = QueryLibrary::text(name);
        if (text.isEmpty()) {
            out.results.insert(name, QueryResult::failure(QStringLiteral("No query named %1 in sql/.").arg(name)));
            continue;
        }
        GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Ok;
        out.results.insert(name, connection.query(text, CatalogQueryTimeoutSeconds, &outcome));
        if (outcome == GuardedConnection::Outcome::Abandoned) {
            // The connection is gone: the remaining queries fail with the same reason.
            const QueryResult lost = out.results.value(name);
            for (const QString &rest : queries) {
                if (!out.results.contains(rest))
                    out.results.insert(rest, lost);
            }
            break;
        }
    }
    out.elapsedMs = timer.elapsed();
    return out;
}

} // namespace bs

#include "scratchdatabase.h"

#include "core/sqlquote.h"

#include <QDateTime>
#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace bs {

// The statements here are the test's own, not application queries, so they are built here;
// the one value in them, the database name, goes through bs::quoteIdentifier. Syntax checked
// against Microsoft's "CREATE DATABASE", "DROP DATABASE" and "ALTER DATABASE SET Options"
// pages (ALTER DATABASE name SET <optionspec> [ WITH <termination> ], where <optionspec>
// includes <service_broker_option> ENABLE_BROKER and <db_user_access_option> SINGLE_USER,
// and <termination> is ROLLBACK AFTER n | ROLLBACK IMMEDIATE | NO_WAIT).

ScratchDatabase::ScratchDatabase(const QString &connectionString) : m_admin(connectionString, 15)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
    const QString unique = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_name = QStringLiteral("BrokerStudio Live]'%1_%2").arg(stamp, unique);
}

ScratchDatabase::~ScratchDatabase()
{
    QString error;
    if (!drop(&error))
        qWarning().noquote() << "could not drop the scratch database" << quoteIdentifier(m_name)
                             << "- drop it by hand:" << error;
}

bool ScratchDatabase::create(QString *error)
{
    if (!m_admin.open()) {
        *error = m_admin.errorText();
        return false;
    }
    const QString quoted = quoteIdentifier(m_name);
    if (!execute(QStringLiteral("CREATE DATABASE ") + quoted + u';', error))
        return false;
    m_created = true;
    // A new database takes its broker setting from model; the patterns need it enabled.
    // Nobody else uses the new database, so the exclusive lock ENABLE_BROKER needs is free.
    return execute(QStringLiteral("ALTER DATABASE ") + quoted +
                       QStringLiteral(" SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;"),
                   error);
}

bool ScratchDatabase::drop(QString *error)
{
    if (!m_created)
        return true;
    const QString quoted = quoteIdentifier(m_name);
    // The admin connection never entered the scratch database, so it can drop it; SINGLE_USER
    // WITH ROLLBACK IMMEDIATE first ends the test's other sessions and any activated task.
    if (!execute(QStringLiteral("ALTER DATABASE ") + quoted +
                     QStringLiteral(" SET SINGLE_USER WITH ROLLBACK IMMEDIATE;"),
                 error))
        return false;
    if (!execute(QStringLiteral("DROP DATABASE ") + quoted + u';', error))
        return false;
    m_created = false;
    return true;
}

bool ScratchDatabase::execute(const QString &statement, QString *error)
{
    QSqlQuery query(m_admin.database());
    query.setForwardOnly(true);
    if (query.exec(statement))
        return true;
    *error = statement + QStringLiteral(": ") + query.lastError().text();
    return false;
}

} // namespace bs

#include "odbctestconnection.h"

#include <QSqlError>

#include <atomic>

namespace bs {

OdbcTestConnection::OdbcTestConnection(const QString &connectionString, int loginTimeoutSeconds)
{
    static std::atomic<int> counter{0};
    m_name = QStringLiteral("odbc-test-%1").arg(++counter);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QODBC"), m_name);
    db.setDatabaseName(connectionString);
    db.setConnectOptions(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1").arg(loginTimeoutSeconds));
}

OdbcTestConnection::~OdbcTestConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

bool OdbcTestConnection::open()
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    return db.open();
}

QSqlDatabase OdbcTestConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

QString OdbcTestConnection::errorText() const
{
    return database().lastError().text();
}

} // namespace bs

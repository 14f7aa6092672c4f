#pragma once

#include <QSqlDatabase>
#include <QString>

namespace bs {

/// A named QODBC connection for one test, removed again when the object goes away
/// (QSqlDatabase::removeDatabase must run after every copy of the handle is gone).
class OdbcTestConnection
{
public:
    OdbcTestConnection(const QString &connectionString, int loginTimeoutSeconds = 5);
    ~OdbcTestConnection();
    OdbcTestConnection(const OdbcTestConnection &) = delete;
    OdbcTestConnection &operator=(const OdbcTestConnection &) = delete;

    bool open();
    QSqlDatabase database() const;
    QString errorText() const;
    QString name() const { return m_name; }

private:
    QString m_name;
};

} // namespace bs

#pragma once

#include "odbctestconnection.h"

#include <QString>

namespace bs {

/// A throw-away database for one live deployment test: created with Service Broker enabled,
/// and dropped again when the object goes away, whatever the test's checks said (the
/// cleanup guard of tst_livedeploy). Its name is unique and contains `]` and `'`, so every
/// statement that names it must quote it.
class ScratchDatabase
{
public:
    explicit ScratchDatabase(const QString &connectionString);
    /// Drops the database when create() made it; a failure is reported with qWarning, naming
    /// the database, because a destructor cannot fail a test.
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    /// CREATE DATABASE, then ALTER DATABASE ... SET ENABLE_BROKER; false with the server's text.
    bool create(QString *error);
    /// SET SINGLE_USER WITH ROLLBACK IMMEDIATE (ends the sessions and activated tasks still in
    /// it), then DROP DATABASE; false with the server's text. Does nothing when not created.
    bool drop(QString *error);

    QString name() const { return m_name; }

private:
    bool execute(const QString &statement, QString *error);

    OdbcTestConnection m_admin;
    QString m_name;
    bool m_created = false;
};

} // namespace bs

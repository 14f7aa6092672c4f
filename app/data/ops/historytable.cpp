#include "data/ops/historytable.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace bs {

HistoryTableConnection::HistoryTableConnection(const QString &prefix)
    : m_name(prefix + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryTableConnection::~HistoryTableConnection()
{
    close();
}

bool HistoryTableConnection::open(const QString &path, const QString &createStatement, QString *error)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        ok = db.open();
        if (ok) {
            QSqlQuery create(db);
            ok = create.exec(createStatement);
            if (!ok)
                *error = create.lastError().text();
        } else {
            *error = db.lastError().text();
        }
        if (!ok)
            db.close();
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(m_name);
        return false;
    }
    m_path = path;
    return true;
}

void HistoryTableConnection::close()
{
    if (m_path.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
    m_path.clear();
}

} // namespace bs

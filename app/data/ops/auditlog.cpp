#include "data/ops/auditlog.h"

#include "data/querylibrary.h"

#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("audit.") + QLatin1String(name));
}

// SQLite binds a null QString as NULL; the columns are NOT NULL, an empty text is ''.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString csvField(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

} // namespace

AuditLog::AuditLog()
    : m_db(QStringLiteral("bs-audit-"))
{
}

AuditLog::~AuditLog() = default;

bool AuditLog::open(const QString &path)
{
    return m_db.open(path, q("create_audit"), &m_lastError);
}

void AuditLog::close()
{
    m_db.close();
}

bool AuditLog::append(const AuditRecord &r)
{
    if (!isOpen()) {
        m_lastError = QStringLiteral("The audit file is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_db.name(), false));
    query.prepare(q("insert_audit"));
    query.bindValue(QStringLiteral(":time_utc"), r.timeUtc.toUTC().toString(Qt::ISODateWithMs));
    query.bindValue(QStringLiteral(":login"), notNull(r.login));
    query.bindValue(QStringLiteral(":server"), notNull(r.server));
    query.bindValue(QStringLiteral(":database_name"), notNull(r.database));
    query.bindValue(QStringLiteral(":operation"), notNull(r.operation));
    query.bindValue(QStringLiteral(":summary"), notNull(r.summary));
    query.bindValue(QStringLiteral(":statement"), notNull(r.statement));
    query.bindValue(QStringLiteral(":parameters"), notNull(r.parameters));
    query.bindValue(QStringLiteral(":outcome"), notNull(r.outcome));
    query.bindValue(QStringLiteral(":message"), notNull(r.message));
    query.bindValue(QStringLiteral(":elapsed_ms"), r.elapsedMs);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QList<AuditRecord> AuditLog::records(int limit) const
{
    QList<AuditRecord> out;
    if (!isOpen())
        return out;
    QSqlQuery query(QSqlDatabase::database(m_db.name(), false));
    query.setForwardOnly(true);
    query.prepare(q("select_audit"));
    query.bindValue(QStringLiteral(":limit"), limit);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return out;
    }
    while (query.next()) {
        AuditRecord r;
        r.id = query.value(0).toLongLong();
        r.timeUtc = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        r.timeUtc.setTimeSpec(Qt::UTC);
        r.login = query.value(2).toString();
        r.server = query.value(3).toString();
        r.database = query.value(4).toString();
        r.operation = query.value(5).toString();
        r.summary = query.value(6).toString();
        r.statement = query.value(7).toString();
        r.parameters = query.value(8).toString();
        r.outcome = query.value(9).toString();
        r.message = query.value(10).toString();
        r.elapsedMs = query.value(11).toLongLong();
        out.append(r);
    }
    return out;
}

bool AuditLog::exportCsv(const QList<AuditRecord> &records, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    QString text = QStringLiteral("time_utc,login,server,database,operation,summary,statement,parameters,outcome,message,elapsed_ms\r\n");
    for (const AuditRecord &r : records) {
        const QStringList fields{r.timeUtc.toString(Qt::ISODateWithMs), r.login, r.server, r.database, r.operation,
                                 r.summary, r.statement, r.parameters, r.outcome, r.message, QString::number(r.elapsedMs)};
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvField(f));
        text += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace bs

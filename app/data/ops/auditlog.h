#pragma once

#include "data/ops/historytable.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace bs {

/// One audited operation: who ran what where, the exact statement and what came of it.
struct AuditRecord
{
    qint64 id = 0;
    QDateTime timeUtc;
    QString login;
    QString server;
    QString database;
    QString operation;  ///< the registry id ("end-conversation")
    QString summary;    ///< "End conversation 5F3C… with error 50001"
    QString statement;  ///< the previewed text, exactly as sent
    QString parameters; ///< the bound values, one "@P1 type = value" per line
    QString outcome;    ///< "succeeded", "failed", "refused"; cleanup runs: "started", "cancelled", "discarded"
    QString message;
    qint64 elapsedMs = 0;
    bool operator==(const AuditRecord &) const = default;
};

/// The audit table (operation_audit) in a local SQLite file, normally the connection's history
/// file. One connection per AuditLog, used on the thread that opened it. Appends are one small
/// insert; reading returns the newest rows first.
class AuditLog
{
public:
    AuditLog();
    ~AuditLog();
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    QString lastError() const { return m_lastError; }

    bool append(const AuditRecord &record);
    QList<AuditRecord> records(int limit = 1000) const;
    /// Writes `records` as CSV (RFC 4180 quoting, UTF-8, a header line) atomically (QSaveFile).
    static bool exportCsv(const QList<AuditRecord> &records, const QString &path, QString *error);

private:
    HistoryTableConnection m_db;
    mutable QString m_lastError;
};

} // namespace bs

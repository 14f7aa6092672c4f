#pragma once

#include <QString>

namespace bs {

/// One named SQLite connection to a history file that holds a table of the operations (the audit,
/// the cleanup journal): opened with a busy timeout, its table created if missing. AuditLog and
/// CleanupJournal each own one; the connection is used on the thread that opened it.
class HistoryTableConnection
{
public:
    /// `prefix` names the connection ("bs-audit-" + a fresh uuid).
    explicit HistoryTableConnection(const QString &prefix);
    ~HistoryTableConnection();
    HistoryTableConnection(const HistoryTableConnection &) = delete;
    HistoryTableConnection &operator=(const HistoryTableConnection &) = delete;

    /// Opens `path` (its folder made if needed) and runs `createStatement`; false with *error.
    bool open(const QString &path, const QString &createStatement, QString *error);
    void close();
    bool isOpen() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    /// The QSqlDatabase connection name, for QSqlDatabase::database().
    QString name() const { return m_name; }

private:
    QString m_name;
    QString m_path;
};

} // namespace bs

#pragma once

#include <QHash>
#include <QString>

namespace bs {

/// One per-file dictionary of a history file: text ↔ small integer id, in a table of its own
/// (`series_keys` for chart keys, `strings` for the names inside snapshots). Ids are handed out by
/// SQLite and never reused, so another connection adding names at the same time is harmless.
/// The cache holds committed ids only: after a rolled-back transaction call forgetUncommitted().
class HistoryDictionary
{
public:
    /// `insertQuery`, `selectIdQuery` and `selectAllQuery` name statements of sql/monitor/history
    /// (without the "history." prefix) taking :key and returning (id) or (id, text).
    HistoryDictionary(const char *insertQuery, const char *selectIdQuery, const char *selectAllQuery);

    void setConnection(const QString &connectionName);
    /// The id of `text`, added to the file if new; -1 with `error` set when SQLite fails.
    qint64 id(const QString &text, QString *error);
    /// The text of `id`; reloads the table once when the id is unknown (written by another
    /// connection). Empty when the id is not in the file.
    QString text(qint64 id);
    /// Every (id, text) of the file, as SeriesBuilder wants them.
    QHash<qint64, QString> all();
    void forgetUncommitted();

private:
    void reload();

    const char *m_insert;
    const char *m_selectId;
    const char *m_selectAll;
    QString m_connection;
    QHash<QString, qint64> m_ids;
    QHash<qint64, QString> m_texts;
};

} // namespace bs

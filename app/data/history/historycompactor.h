#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace bs {

/// Moves the chart rows of closed hours from the head of a history file (`points`, one row per
/// sample, written by every append) into compressed blocks (`blocks`, one row per hour, see
/// HistoryBlock), and cuts blocks at the retention limit. The head is what a crash can leave half
/// done at most: each hour moves in one transaction (block written, head rows deleted), so a kill
/// at any moment leaves every row in exactly one of the two places.
class HistoryCompactor
{
public:
    /// Hours, aligned to the epoch (so to UTC hours).
    static constexpr qint64 BlockMs = 3'600'000;
    static qint64 blockStart(qint64 timeMs);

    void setConnection(const QString &connectionName);
    /// Compacts up to `limit` closed hours, oldest first, each in its own transaction (the caller
    /// must hold none). An hour is closed when the head has a row in a later hour. `rowsMoved(n)`
    /// is called after each hour; returning false stops. Returns the hours compacted, -1 on error.
    int compactClosed(int limit, QString *error, const std::function<bool(qint64 rows)> &rowsMoved = {});
    /// Head rows in closed hours: what compactClosed() has left to do.
    qint64 closedHeadRows() const;
    /// In the caller's transaction: deletes blocks and block rows before `beforeMs`; returns the
    /// samples (not gap rows) deleted, -1 on error. A damaged block across the limit stays whole.
    qint64 pruneBefore(qint64 beforeMs, QString *error);
    /// One line per block that does not decode.
    QStringList checkBlocks() const;

private:
    // Compacts one hour; false on an SQL error. A damaged block there is left alone (noted).
    bool compactHour(qint64 startMs, qint64 *rowsMoved, QString *error);

    QString m_connection;
    QSet<qint64> m_damaged; ///< hours whose block does not decode: their head rows stay in the head
};

} // namespace bs

#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace bs {

class SeriesBuilder;

/// Reads the chart rows of a time range from the three places a history file keeps them, merged
/// in time order into a SeriesBuilder: closed hours from `blocks`, the open hour (and any hour not
/// compacted yet) from the head (`points`), and samples written by schema 1 that have no chart
/// row at all from `samples` (decoded whole). A head row wins over a block row of the same time
/// (an out-of-order append). A damaged block is left out, reported in damage(), and breaks the
/// lines where it starts; everything else is read.
class HistoryReader
{
public:
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    HistoryReader(const QString &connectionName, SeriesBuilder &builder);

    /// Only these key ids are decoded from blocks (the overview); nullptr = all.
    void setOnlyIds(const QSet<int> *ids) { m_onlyIds = ids; }
    /// Reads [fromMs, toMs]; false when cancelled by `progress` or when SQLite failed (error()).
    bool read(qint64 fromMs, qint64 toMs, const Progress &progress);
    QString error() const { return m_error; }
    bool cancelled() const { return m_cancelled; }
    /// One line per damaged block met: its hour and what is wrong.
    QStringList damage() const { return m_damage; }

private:
    QString m_connection;
    SeriesBuilder &m_builder;
    const QSet<int> *m_onlyIds = nullptr;
    QString m_error;
    QStringList m_damage;
    bool m_cancelled = false;
};

} // namespace bs

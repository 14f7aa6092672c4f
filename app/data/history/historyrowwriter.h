#pragma once

#include "core/monitorsample.h"
#include "data/history/historydictionary.h"

#include <QString>

namespace bs {

/// Writes the rows of one sample into a history file, in the caller's transaction: its chart
/// numbers as a head row (`points`, keys through the `series_keys` dictionary) and, when it is
/// the newest of its 5-minute slot, the whole sample as a snapshot (names through the `strings`
/// dictionary). Shared by HistoryStore's appends and the conversion of old files.
class HistoryRowWriter
{
public:
    HistoryRowWriter();
    void setConnection(const QString &connectionName);
    /// The start of the snapshot slot of `timeMs`.
    static qint64 slotOf(qint64 timeMs);

    /// A sample (or, with nullptr, a gap row); `snapshot` false skips the whole sample (an import
    /// whose next sample is of the same slot).
    bool writeRow(qint64 timeMs, const MonitorSample *sample, bool snapshot);
    bool writePoints(qint64 timeMs, const MonitorSample *sample);
    bool writeSnapshot(qint64 timeMs, const MonitorSample &sample);
    /// After a rolled-back transaction: ids handed out in it are gone.
    void forgetUncommitted();
    QString lastError() const { return m_lastError; }
    HistoryDictionary &keys() { return m_keys; }
    HistoryDictionary &strings() { return m_strings; }

private:
    QString m_connection;
    QString m_lastError;
    HistoryDictionary m_keys;    ///< chart series keys (`series_keys`)
    HistoryDictionary m_strings; ///< names inside snapshots (`strings`)
};

} // namespace bs

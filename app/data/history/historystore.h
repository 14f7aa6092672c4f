#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"
#include "core/series/monitorseries.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bs {

/// The monitoring history of one connection profile: a SQLite file (QSQLITE, WAL journal,
/// synchronous=NORMAL) with one row per sample (a few indexed numbers plus the sample as
/// compressed CBOR), gap markers, and the alert log. Every append is its own transaction, so
/// a crash or kill during a write loses at most the sample being written.
/// Use an instance on one thread only (its QSqlDatabase connection belongs to that thread).
/// Statements: sql/monitor/history/*.sql ("history.<name>").
class HistoryStore
{
public:
    static constexpr int DefaultRetentionDays = 30;

    HistoryStore();
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    /// <AppDataLocation>/history: where the per-profile files live.
    static QString defaultDirectory();
    /// The file for a connection profile key: a readable prefix plus a hash of the key, so any key
    /// (server\instance, spaces, slashes) gives a valid, distinct file name.
    static QString pathForProfile(const QString &profileKey, const QString &directory = QString());

    /// Opens (creating if needed) the database at `path`. Returns false with lastError() set.
    bool open(const QString &path);
    /// Opens the file of a profile in defaultDirectory().
    bool openProfile(const QString &profileKey);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }

    /// Appends (or replaces, same time) one sample in its own transaction.
    bool append(const MonitorSample &sample);
    /// Appends many samples in one transaction (imports, benchmarks).
    bool append(const QList<MonitorSample> &samples);
    /// Records that no sample came at `time` (lost connection): charts draw a gap.
    bool appendGap(const QDateTime &time);

    /// Samples in [from, to], oldest first; gap markers are skipped.
    QList<MonitorSample> samples(const QDateTime &from, const QDateTime &to) const;
    /// The chart series for [from, to] straight from the store, gaps included.
    MonitorSeries series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs = 0) const;
    /// Only "endpoints.total", "endpoints.leaked", "endpoints.neverExpiring" and
    /// "transmission.size" for [from, to], read from the indexed columns without decoding a
    /// sample: the fast first picture of a long range (7 days) while details load for the zoom.
    MonitorSeries overview(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs = 0) const;
    qint64 sampleCount() const;
    /// Time of the first and the last stored sample.
    std::optional<std::pair<QDateTime, QDateTime>> timeRange() const;

    /// Deletes samples before `time` and alerts cleared before it; returns the samples deleted.
    qint64 pruneBefore(const QDateTime &time);
    /// Keeps `days` days back from `now` (default 30).
    qint64 applyRetention(int days = DefaultRetentionDays, const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// Inserts or updates (same key and raised time) one alert-log entry.
    bool saveAlert(const AlertLogEntry &entry);
    /// Alert-log entries active at some time in [from, to], in the order they were raised.
    QList<AlertLogEntry> alerts(const QDateTime &from, const QDateTime &to) const;

    /// "ok" when SQLite's integrity check passes, else its report.
    QString integrityCheck() const;

private:
    bool exec(const QString &queryName);
    bool insertSample(qint64 timeMs, const MonitorSample *sample);

    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
};

} // namespace bs

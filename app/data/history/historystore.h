#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"
#include "core/series/monitorlimits.h"
#include "core/series/monitorseries.h"
#include "data/history/historycompactor.h"
#include "data/history/historyrowwriter.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace bs {

/// The monitoring history of one connection profile: a SQLite file (QSQLITE, WAL journal,
/// synchronous=NORMAL, see docs/history-format.md). The chart numbers of each sample go first into
/// the head (`points`, one small row per sample) and, once their hour is over, into one compressed
/// block per hour (`blocks`: per series delta-of-delta / XOR columns, HistoryBlock); whole samples
/// are kept for the tables only once every 5 minutes plus the newest (`snapshots`, names through a
/// per-file string dictionary). Every append is its own transaction, and moving an hour into its
/// block is another, so a crash or kill during a write loses at most the sample being written.
///
/// Threads: a HistoryStore object must be used from one thread only (its QSqlDatabase
/// connection belongs to the thread that called open()). A second HistoryStore opened on the
/// same file is a second connection: it may be opened and read (series(), samples()) on a
/// worker thread while the first one keeps appending on its own thread; WAL lets the reader
/// see a consistent snapshot without blocking the writer.
///
/// Files of schema 1 and 2 (a full sample per row in `samples`) open as they are and stay
/// readable; convertOldRows() turns their rows into blocks and snapshots, with progress.
/// Statements: sql/monitor/history/*.sql ("history.<name>").
class HistoryStore
{
public:
    static constexpr int DefaultRetentionDays = MonitorLimits::DefaultRetentionDays;

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

    /// The whole samples kept in [from, to], oldest first: the last one of each 5-minute slot
    /// (SnapshotIntervalMs) and the newest, plus every sample of rows not converted yet.
    QList<MonitorSample> samples(const QDateTime &from, const QDateTime &to) const;
    /// The newest whole sample, for the tables when a history is reopened.
    std::optional<MonitorSample> latestSample() const;
    /// The chart series for [from, to] straight from the store, gaps included: exactly what
    /// MonitorSeries::append gives for the same samples, read from the points rows (one range
    /// query, no sample decoded; rows written before schema 2 are decoded, see hasOldRows()).
    MonitorSeries series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs = 0) const;
    /// The same with progress and cancel: `progress(done, total)` is called now and then with
    /// rows read so far and rows in the range (at least once at the start and once at the end);
    /// returning false cancels, and then the result is an empty MonitorSeries and lastError()
    /// is "cancelled". `progress` may be empty.
    MonitorSeries series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs,
                         const std::function<bool(qint64 done, qint64 total)> &progress) const;
    /// Only "endpoints.total", "endpoints.leaked", "endpoints.neverExpiring" and
    /// "transmission.size" for [from, to], the other series of each block left undecoded: the
    /// fast first picture of a long range (7 days) while details load for the zoom.
    MonitorSeries overview(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs = 0) const;
    /// Samples stored (gap rows not counted), whatever their form.
    qint64 sampleCount() const;
    /// Time of the first and the last stored sample.
    std::optional<std::pair<QDateTime, QDateTime>> timeRange() const;

    /// Deletes samples before `time` (chart rows, whole samples) and alerts cleared before it;
    /// returns the samples deleted. Freed pages are reused by later rows (the file stops growing).
    qint64 pruneBefore(const QDateTime &time);
    /// Keeps `days` days back from `now` (default 30).
    qint64 applyRetention(int days = DefaultRetentionDays, const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// Inserts or updates (same key and raised time) one alert-log entry.
    bool saveAlert(const AlertLogEntry &entry);
    /// Alert-log entries active at some time in [from, to], in the order they were raised.
    QList<AlertLogEntry> alerts(const QDateTime &from, const QDateTime &to) const;

    /// "ok" when SQLite's integrity check passes and every block's checksum matches, else the report.
    QString integrityCheck() const;

    /// The file layout this version writes (meta key "schema").
    static constexpr int SchemaVersion = 3;
    /// One whole sample per this interval is kept for the tables (the last of each), plus the newest:
    /// at 5 minutes they cost about a tenth of the file (docs/performance.md).
    static constexpr qint64 SnapshotIntervalMs = 300'000;
    /// True while the file has rows of schema 1 or 2 (`samples`), which convertOldRows() converts.
    bool hasOldRows() const;
    /// Converts old rows: gives them chart rows, keeps the whole sample of the last of each 5-minute slot
    /// as a snapshot, drops the rest, `batch` rows per transaction (a writer in another connection
    /// waits at most one batch); then moves every closed hour of the head into its block, and
    /// finally rewrites the file without the freed pages (VACUUM). `progress(done, total)` as for
    /// series(); returning false stops after the current batch (what is converted stays
    /// converted). Returns the old rows converted, or -1 with lastError() set.
    qint64 convertOldRows(const std::function<bool(qint64 done, qint64 total)> &progress = {}, int batch = 2000);

private:
    bool exec(const char *name);
    bool upgradeSchema();
    std::optional<QString> meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);
    bool deleteMeta(const QString &key);
    void compactAfterAppend(int limit);
    MonitorSeries read(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs, const QSet<QString> &onlyKeys,
                       const std::function<bool(qint64, qint64)> &progress) const;

    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
    mutable HistoryRowWriter m_writer; ///< also the file's dictionaries, which reads use too
    HistoryCompactor m_compactor;
};

} // namespace bs

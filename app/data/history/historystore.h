#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"
#include "core/series/monitorlimits.h"
#include "core/series/monitorseries.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace bs {

/// The monitoring history of one connection profile: a SQLite file (QSQLITE, WAL journal,
/// synchronous=NORMAL) with one row per sample (a few indexed numbers plus the sample as
/// compressed CBOR), next to it one small row of its chart numbers (SeriesPoints, keys through a
/// per-file dictionary), gap markers, and the alert log. Every append is its own transaction, so
/// a crash or kill during a write loses at most the sample being written.
///
/// Threads: a HistoryStore object must be used from one thread only (its QSqlDatabase
/// connection belongs to the thread that called open()). A second HistoryStore opened on the
/// same file is a second connection: it may be opened and read (series(), samples()) on a
/// worker thread while the first one keeps appending on its own thread; WAL lets the reader
/// see a consistent snapshot without blocking the writer.
///
/// Schema 2 added the points and series_keys tables. A file written by schema 1 opens as is:
/// its old rows are read by decoding the full samples (slow, exact) until convertOldRows() has
/// given them points rows or retention has pruned them.
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

    /// Samples in [from, to], oldest first; gap markers are skipped.
    QList<MonitorSample> samples(const QDateTime &from, const QDateTime &to) const;
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

    /// The file layout this version writes (meta key "schema").
    static constexpr int SchemaVersion = 2;
    /// True while the file has rows written before schema 2 (or by an older version since), which
    /// series() reads by decoding whole samples; convertOldRows() or retention ends that.
    bool hasOldRows() const;
    /// Gives old rows their points rows, `batch` samples per transaction (a writer in another
    /// connection waits at most one batch). `progress(done, total)` as for series(); returning
    /// false stops after the current batch (what is converted stays converted). Returns the rows
    /// converted, or -1 with lastError() set.
    qint64 convertOldRows(const std::function<bool(qint64 done, qint64 total)> &progress = {}, int batch = 2000);

private:
    bool exec(const QString &queryName);
    bool insertSample(qint64 timeMs, const MonitorSample *sample);
    bool insertPoints(qint64 timeMs, const MonitorSample *sample);
    int keyId(const QString &key);
    bool upgradeSchema();
    std::optional<QString> meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);
    bool deleteMeta(const QString &key);
    std::optional<std::pair<qint64, qint64>> oldRowRange() const;

    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
    QHash<QString, int> m_keyIds; ///< the committed part of the key dictionary, for appends
};

} // namespace bs

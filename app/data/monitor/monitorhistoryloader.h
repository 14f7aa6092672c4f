#pragma once

#include "core/alerts/alert.h"
#include "core/series/monitorlimits.h"
#include "core/series/monitorseries.h"

#include <QDateTime>
#include <QFuture>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace bs {

/// Reads a profile's monitoring history on a worker thread, so reopening a week of samples never
/// freezes the window. The worker opens a HistoryStore of its own on the same file (a store
/// belongs to the thread that opened it), applies retention, converts rows an older version wrote,
/// then reads the series and the alert log up to the cut-off it was given. Progress is polled a few
/// times a second; cancel() stops the work at the store's next progress report and drops the result.
class MonitorHistoryLoader : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString path;           ///< the history file (already opened once on the GUI thread)
        QDateTime from;         ///< first stored sample
        QDateTime to;           ///< the cut-off: live samples after it are the caller's to merge
        qint64 gapThresholdMs = 0;
        int retentionDays = MonitorLimits::DefaultRetentionDays;
        QDateTime retentionNow; ///< "today" for retention (a simulation's own clock)
    };
    struct Result
    {
        MonitorSeries series;
        QList<AlertLogEntry> alerts;
        qint64 pruned = 0;
        /// Rows of an older file given their chart points on the way (once per file).
        qint64 converted = 0;
        QString error;
    };

    explicit MonitorHistoryLoader(QObject *parent = nullptr);
    ~MonitorHistoryLoader() override;

    /// Starts loading; a load still running is cancelled first.
    void start(const Request &request);
    /// Drops the running load: finished() will not be emitted for it.
    void cancel();
    bool isRunning() const { return m_state != nullptr; }
    /// Percent done, or -1 while the store cannot tell.
    int percent() const;

    /// The worker's job, callable on any thread (tests, benchmarks). Returns an empty series and
    /// error "cancelled" when `cancelled` becomes true.
    static Result load(const Request &request, const std::atomic<bool> &cancelled, std::atomic<int> &percent);

    /// The alert log to show after a load: the stored entries, then the ones raised live during
    /// the load. A live entry with the key and raised time of a stored one is that entry (the page
    /// saved it while the worker read) and replaces it; a live entry raised while the stored log
    /// still had the same alert active is the same condition seen again, so the stored one stays.
    static QList<AlertLogEntry> mergeAlertLog(const QList<AlertLogEntry> &stored, const QList<AlertLogEntry> &live);

Q_SIGNALS:
    void progressChanged(int percent);
    void finished(const bs::MonitorHistoryLoader::Result &result);

private:
    struct State
    {
        std::atomic<bool> cancelled{false};
        std::atomic<int> percent{-1};
    };

    std::shared_ptr<State> m_state;
    QTimer m_poll;
    int m_lastPercent = -1;
};

} // namespace bs

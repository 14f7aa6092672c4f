#include "data/monitor/monitorhistoryloader.h"

#include "data/history/historystore.h"

#include <algorithm>

namespace bs {

MonitorHistoryLoader::MonitorHistoryLoader(QObject *parent)
    : QObject(parent)
{
}

// The job holds its own store; cancelling (or destroying the loader) makes its predicate true,
// it stops at the store's next progress report, and its result is dropped unseen.
MonitorHistoryLoader::~MonitorHistoryLoader() = default;

int MonitorHistoryLoader::percent() const
{
    return m_percent;
}

void MonitorHistoryLoader::setPercent(int percent)
{
    if (percent == m_percent)
        return;
    m_percent = percent;
    Q_EMIT progressChanged(percent);
}

void MonitorHistoryLoader::start(const Request &request)
{
    m_percent = -1;
    m_jobs.start(
        [this, request](const JobContext &job) {
            // `this` is only captured for the posted calls, which JobContext runs on the owner's
            // thread and drops once the loader is gone; the worker never touches it.
            int last = -1;
            return load(request, job.cancelCheck(), [this, job, last](int p) mutable {
                if (p == last)
                    return;
                last = p;
                job.post([this, p] { setPercent(p); });
            });
        },
        [this](const Result &result) { Q_EMIT finished(result); });
}

void MonitorHistoryLoader::cancel()
{
    m_jobs.cancel();
}

MonitorHistoryLoader::Result MonitorHistoryLoader::load(const Request &request, const std::atomic<bool> &cancelled,
                                                        std::atomic<int> &percent)
{
    return load(request, std::function<bool()>([&cancelled] { return cancelled.load(); }),
                std::function<void(int)>([&percent](int p) { percent.store(p); }));
}

MonitorHistoryLoader::Result MonitorHistoryLoader::load(const Request &request, const std::function<bool()> &cancelled,
                                                        const std::function<void(int)> &percent)
{
    Result result;
    HistoryStore store;
    if (!store.open(request.path)) {
        result.error = store.lastError();
        return result;
    }
    result.pruned = store.applyRetention(request.retentionDays, request.retentionNow);
    if (cancelled()) {
        result.error = QStringLiteral("cancelled");
        return result;
    }
    // A file written before the store kept chart points per sample is read by decoding every
    // sample. Converting those rows once (in batches, so the GUI thread's appends wait at most one
    // batch) makes this read and every later reopen a plain range read. The conversion, when there
    // is one, is the first half of the progress bar.
    bool converting = false;
    const qint64 converted = store.convertOldRows([&](qint64 done, qint64 total) {
        if (total > 0) {
            converting = true;
            percent(int(std::min<qint64>(50, done * 50 / total)));
        }
        return !cancelled();
    });
    result.converted = std::max<qint64>(0, converted);
    if (cancelled()) {
        result.error = QStringLiteral("cancelled");
        return result;
    }
    const auto progress = [&cancelled, &percent, converting](qint64 done, qint64 total) {
        if (total > 0) {
            const int p = int(std::min<qint64>(100, done * 100 / total));
            percent(converting ? 50 + p / 2 : p);
        }
        return !cancelled();
    };
    result.series = store.series(request.from, request.to, request.gapThresholdMs, progress);
    if (cancelled()) {
        result.series = MonitorSeries(request.gapThresholdMs);
        result.error = QStringLiteral("cancelled");
        return result;
    }
    result.alerts = store.alerts(request.from, request.to);
    percent(100);
    return result;
}

QList<AlertLogEntry> MonitorHistoryLoader::mergeAlertLog(const QList<AlertLogEntry> &stored,
                                                         const QList<AlertLogEntry> &live)
{
    QList<AlertLogEntry> log = stored;
    for (const AlertLogEntry &entry : live) {
        const auto same = std::find_if(log.begin(), log.end(), [&entry](const AlertLogEntry &e) {
            return e.alert.key == entry.alert.key && e.raised == entry.raised;
        });
        if (same != log.end()) {
            *same = entry;
            continue;
        }
        const bool continued = entry.isActive() && std::any_of(stored.cbegin(), stored.cend(), [&entry](const AlertLogEntry &e) {
            return e.alert.key == entry.alert.key && e.isActive();
        });
        if (!continued)
            log.append(entry);
    }
    return log;
}

} // namespace bs

#include "data/monitor/monitorhistoryloader.h"

#include "data/history/historystore.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace bs {

namespace {

constexpr int PollMs = 100; // the progress bar moves smoothly without waking the GUI often

} // namespace

MonitorHistoryLoader::MonitorHistoryLoader(QObject *parent)
    : QObject(parent)
{
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        const int p = percent();
        if (p != m_lastPercent) {
            m_lastPercent = p;
            Q_EMIT progressChanged(p);
        }
    });
}

MonitorHistoryLoader::~MonitorHistoryLoader()
{
    // The worker holds its own share of the state and its own store: it finishes (or stops early)
    // on its own, and nobody hears its result.
    cancel();
}

int MonitorHistoryLoader::percent() const
{
    return m_state ? m_state->percent.load() : -1;
}

void MonitorHistoryLoader::start(const Request &request)
{
    cancel();
    auto state = std::make_shared<State>();
    m_state = state;
    m_lastPercent = -1;
    m_poll.start();
    // A watcher owned by this loader, not QFuture::then(this, ...): in Qt 6.4 a continuation whose
    // context object is gone asserts (and crashes a Debug build) when the load ends after the
    // page closed. The watcher goes with the loader, and so does the result nobody waits for.
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, state] {
        watcher->deleteLater();
        if (state != m_state || state->cancelled.load())
            return;
        m_state.reset();
        m_poll.stop();
        Q_EMIT finished(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([request, state] { return load(request, state->cancelled, state->percent); }));
}

void MonitorHistoryLoader::cancel()
{
    if (!m_state)
        return;
    m_state->cancelled.store(true);
    m_state.reset();
    m_poll.stop();
}

MonitorHistoryLoader::Result MonitorHistoryLoader::load(const Request &request, const std::atomic<bool> &cancelled,
                                                        std::atomic<int> &percent)
{
    Result result;
    HistoryStore store;
    if (!store.open(request.path)) {
        result.error = store.lastError();
        return result;
    }
    result.pruned = store.applyRetention(request.retentionDays, request.retentionNow);
    if (cancelled.load()) {
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
            percent.store(int(std::min<qint64>(50, done * 50 / total)));
        }
        return !cancelled.load();
    });
    result.converted = std::max<qint64>(0, converted);
    if (cancelled.load()) {
        result.error = QStringLiteral("cancelled");
        return result;
    }
    const auto progress = [&cancelled, &percent, converting](qint64 done, qint64 total) {
        if (total > 0) {
            const int p = int(std::min<qint64>(100, done * 100 / total));
            percent.store(converting ? 50 + p / 2 : p);
        }
        return !cancelled.load();
    };
    result.series = store.series(request.from, request.to, request.gapThresholdMs, progress);
    if (cancelled.load()) {
        result.series = MonitorSeries(request.gapThresholdMs);
        result.error = QStringLiteral("cancelled");
        return result;
    }
    result.alerts = store.alerts(request.from, request.to);
    percent.store(100);
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

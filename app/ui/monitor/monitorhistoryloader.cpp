#include "ui/monitor/monitorhistoryloader.h"

#include "data/history/historystore.h"

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
    QtConcurrent::run([request, state] { return load(request, state->cancelled, state->percent); })
        .then(this, [this, state](const Result &result) {
            if (state != m_state || state->cancelled.load())
                return;
            m_state.reset();
            m_poll.stop();
            Q_EMIT finished(result);
        });
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
    const auto progress = [&cancelled, &percent](qint64 done, qint64 total) {
        if (total > 0)
            percent.store(int(std::min<qint64>(100, done * 100 / total)));
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

} // namespace bs

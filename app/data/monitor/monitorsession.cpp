#include "data/monitor/monitorsession.h"

#include "core/alerts/objecthealth.h"

#include "data/history/historystore.h"
#include "data/monitor/historywriter.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

namespace bs {

namespace {
const QString EndpointsPart = QStringLiteral("monitor.endpoints");
} // namespace

MonitorSession::MonitorSession(BrokerSource *source, const BrokerCatalog &catalog, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_traits(source ? source->traits() : SourceTraits{})
    , m_catalog(catalog)
    , m_stack(size_t(EndpointStateCount))
    , m_loader(new MonitorHistoryLoader(this))
{
    qRegisterMetaType<SeriesSnapshot>();
    qRegisterMetaType<AlertsSnapshot>();
    qRegisterMetaType<HealthSnapshot>();
    m_engine.setCatalog(catalog);
    connect(m_loader, &MonitorHistoryLoader::progressChanged, this, &MonitorSession::historyLoadProgress);
    connect(m_loader, &MonitorHistoryLoader::finished, this, &MonitorSession::onHistoryLoaded);
    if (m_source) {
        connect(m_source.data(), &BrokerSource::sampleReady, this, &MonitorSession::onSample);
        // The server time share stretches the interval (SamplingPolicy): samples further apart
        // than the chosen interval are no gap.
        connect(m_source.data(), &BrokerSource::samplingPaced, this, [this](qint64, qint64 effectiveMs, qint64) {
            if (effectiveMs == m_effectiveIntervalMs)
                return;
            m_effectiveIntervalMs = effectiveMs;
            updateGapThreshold();
        });
    }
    updateGapThreshold();
}

MonitorSession::~MonitorSession()
{
    stop();
}

void MonitorSession::stop()
{
    if (m_source)
        m_source->stopSampling();
}

int MonitorSession::clampedInterval(int ms) const
{
    return std::clamp(ms, m_traits.minimumIntervalMs, MonitorLimits::MaxIntervalMs);
}

void MonitorSession::setIntervalMs(int ms)
{
    m_intervalMs = clampedInterval(ms);
    m_effectiveIntervalMs = 0; // until the source says how long its rounds take
    updateGapThreshold();
    if (m_source)
        m_source->startSampling(m_intervalMs);
}

void MonitorSession::updateGapThreshold()
{
    // A real server's samples come every interval (a slow one delays the next); three missed
    // intervals draw a gap. Samples on the source's own clock have no wall-clock threshold.
    const qint64 threshold = m_traits.simulatedClock ? 0 : std::max<qint64>(m_intervalMs, m_effectiveIntervalMs) * 3;
    m_series.setGapThresholdMs(threshold);
    for (TimeSeries &ts : m_stack)
        ts.setGapThresholdMs(threshold);
}

void MonitorSession::requestCensus()
{
    if (m_source)
        m_source->requestCensus();
}

void MonitorSession::setSamplingPolicy(const SamplingPolicy &policy)
{
    m_samplingPolicy = policy.clamped();
    if (m_source)
        m_source->setSamplingPolicy(m_samplingPolicy);
}

void MonitorSession::setAlertSettings(const AlertSettings &settings)
{
    m_engine.setSettings(settings);
}

void MonitorSession::setCatalog(const BrokerCatalog &catalog)
{
    m_catalog = catalog;
    m_engine.setCatalog(catalog);
    updateHealth();
}

bool MonitorSession::openHistory(const QString &historyKey, const QString &directory)
{
    m_historyPath = HistoryStore::pathForProfile(historyKey, directory);
    // A quick look on this thread (one indexed read): the cut-off must be known before the first
    // live sample, which is refused as stale when it is not after the newest stored one, so the
    // merge after the load can take exactly the samples after the cut-off.
    std::optional<std::pair<QDateTime, QDateTime>> range;
    {
        HistoryStore peek;
        if (!peek.open(m_historyPath)) {
            Q_EMIT statusChanged(tr("History unavailable: %1").arg(peek.lastError()));
            m_historyPath.clear();
            return false;
        }
        range = peek.timeRange();
        if (range) {
            const QList<MonitorSample> last = peek.samples(range->second, range->second);
            if (!last.isEmpty()) {
                m_latest = last.last();
                m_latestIsStored = true;
                noteServicePairs(m_latest);
            }
        }
    }
    m_writer = std::make_unique<HistoryWriter>(m_historyPath);
    connect(m_writer.get(), &HistoryWriter::failed, this,
            [this](const QString &message) { Q_EMIT statusChanged(tr("History write failed: %1").arg(message)); });
    connect(m_writer.get(), &HistoryWriter::flushed, this, &MonitorSession::historyFlushed);
    if (!range)
        return true;
    m_historyCutoffMs = range->second.toMSecsSinceEpoch();
    m_historyFrom = range->first;
    MonitorHistoryLoader::Request request;
    request.path = m_historyPath;
    request.from = range->first;
    request.to = range->second;
    request.gapThresholdMs = m_series.gapThresholdMs();
    request.retentionDays = m_retentionDays;
    // A simulation's clock is its own (the demo starts in January 2026 every time): its
    // retention counts back from its newest sample rather than from today.
    request.retentionNow = m_traits.simulatedClock ? range->second : QDateTime::currentDateTimeUtc();
    m_liveDuringLoad.clear();
    m_loader->start(request);
    if (m_latestIsStored)
        emitSeries(false);
    Q_EMIT historyLoadStarted();
    return true;
}

void MonitorSession::flushHistory()
{
    if (m_writer)
        m_writer->requestFlush();
    else
        Q_EMIT historyFlushed();
}

void MonitorSession::endHistoryLoad(bool loaded)
{
    m_liveDuringLoad.clear();
    Q_EMIT historyLoadFinished(loaded);
}

void MonitorSession::cancelHistoryLoad()
{
    if (!m_loader->isRunning())
        return;
    m_loader->cancel();
    Q_EMIT statusChanged(tr("Stored history not shown (cancelled); new samples are still recorded."));
    endHistoryLoad(false);
}

void MonitorSession::onHistoryLoaded(const MonitorHistoryLoader::Result &result)
{
    if (!result.error.isEmpty()) {
        Q_EMIT statusChanged(tr("History unavailable: %1").arg(result.error));
        endHistoryLoad(false);
        return;
    }
    // Stored samples up to the cut-off, then the live ones that came meanwhile: each exactly once.
    MonitorSeries merged = result.series;
    merged.setGapThresholdMs(m_series.gapThresholdMs());
    for (const MonitorSample &sample : std::as_const(m_liveDuringLoad)) {
        if (sample.time.toMSecsSinceEpoch() > m_historyCutoffMs)
            merged.append(sample);
    }
    m_series = std::move(merged);
    rebuildStackFromSeries();
    m_engine.setLog(MonitorHistoryLoader::mergeAlertLog(result.alerts, m_engine.log()));
    emitAlerts();
    updateHealth();
    if (result.pruned > 0)
        Q_EMIT statusChanged(tr("History loaded; %1 samples older than %2 days removed")
                                 .arg(QLocale().toString(result.pruned))
                                 .arg(m_retentionDays));
    emitSeries(true);
    endHistoryLoad(true);
}

void MonitorSession::onSample(const MonitorSample &sample)
{
    if (!m_latest.time.isNull() && sample.time <= m_latest.time) {
        // A repeated or stale sample (the series refuse to go back in time); only a source that
        // can start over (a simulation whose clock jumped back) has begun a new run.
        if (sample.time == m_latest.time || !m_traits.restartable)
            return;
        restart();
    }
    m_latest = sample;
    m_latestIsStored = false;
    noteServicePairs(sample);
    if (m_loader->isRunning())
        m_liveDuringLoad.append(sample);
    if (m_keepSeries) {
        m_series.append(sample);
        appendStack(sample);
    }
    if (m_writer)
        m_writer->append(sample);
    applyRetentionWhileOpen(sample);

    const QList<AlertChange> changes = m_engine.addSample(sample);
    if (!changes.isEmpty()) {
        QSet<QString> changed;
        for (const AlertChange &c : changes)
            changed.insert(c.alert.key);
        if (m_writer) {
            for (const AlertLogEntry &e : m_engine.log()) {
                if (changed.contains(e.alert.key))
                    m_writer->saveAlert(e);
            }
        }
        emitAlerts();
    }
    updateHealth();
    emitSeries(false);
}

void MonitorSession::applyRetentionWhileOpen(const MonitorSample &sample)
{
    // A monitor kept open for weeks must not grow without bound: once an hour the retention
    // setting prunes the store and the series (an hour's worth of rows: a short delete).
    if (m_retentionClock.isValid() && m_retentionClock.elapsed() < m_retentionCheckMs)
        return;
    const bool first = !m_retentionClock.isValid();
    m_retentionClock.start();
    if (first || m_loader->isRunning())
        return; // the history load applies retention itself
    // A source's own clock: retention counts back from its newest sample.
    const QDateTime now = m_traits.simulatedClock ? sample.time : QDateTime::currentDateTimeUtc();
    if (m_writer)
        m_writer->applyRetention(m_retentionDays, now);
    const QDateTime cutoff = now.addDays(-m_retentionDays);
    m_series.removeBefore(cutoff);
    for (TimeSeries &ts : m_stack)
        ts.removeBefore(cutoff.toMSecsSinceEpoch());
}

void MonitorSession::restart()
{
    // The simulation started over (a new run of the demo begins at the scenario's start time):
    // its earlier history would sit in the future of the new samples, so it starts afresh.
    if (m_loader->isRunning()) {
        m_loader->cancel();
        endHistoryLoad(false);
    }
    m_series = MonitorSeries(m_series.gapThresholdMs());
    for (TimeSeries &ts : m_stack)
        ts.clear();
    m_engine.resetWindow();
    m_engine.setLog({});
    emitAlerts();
    if (!m_writer)
        return;
    // The new run's clock starts over, so its samples cannot go into the file that holds the
    // previous run (their times would collide and interleave): the file starts afresh. It is this
    // session's alone (MainWindow gives every open source its own history key), and a simulation's
    // earlier run cannot be continued anyway; starting afresh also keeps one file per key
    // instead of one more at every launch of the demo.
    m_writer->startAfresh();
    m_historyCutoffMs = 0;
}

void MonitorSession::appendStack(const MonitorSample &sample)
{
    const qint64 t = sample.time.toMSecsSinceEpoch();
    if (!sample.isAvailable(EndpointsPart)) {
        for (TimeSeries &ts : m_stack)
            ts.appendGap(t);
        return;
    }
    double total = 0;
    for (int s = 0; s < EndpointStateCount; ++s) {
        total += double(sample.endpointCount(EndpointState(s)));
        m_stack[size_t(s)].append(t, total);
    }
}

void MonitorSession::rebuildStackFromSeries()
{
    for (TimeSeries &ts : m_stack)
        ts.clear();
    const TimeSeries &ref = m_series.series(MonitorSeries::stateKey(EndpointState::SO));
    for (qsizetype i = 0; i < ref.size(); ++i) {
        const qint64 t = ref.timeAt(i);
        double total = 0;
        bool gap = false;
        for (int s = 0; s < EndpointStateCount; ++s) {
            const TimeSeries &ts = m_series.series(MonitorSeries::stateKey(EndpointState(s)));
            const qsizetype j = ts.lowerBound(t);
            if (j >= ts.size() || ts.timeAt(j) != t || ts.isGapAt(j)) {
                gap = true;
                break;
            }
            total += ts.valueAt(j);
            m_stack[size_t(s)].append(t, total);
        }
        if (gap) {
            for (TimeSeries &ts : m_stack)
                ts.appendGap(t);
        }
    }
}

void MonitorSession::noteServicePairs(const MonitorSample &sample)
{
    for (const EndpointGroup &g : sample.endpoints) {
        QStringList &locals = m_localsByFar[g.farService];
        if (!locals.contains(g.localService)) {
            locals.append(g.localService);
            locals.sort();
        }
    }
}

void MonitorSession::emitSeries(bool replaced)
{
    Q_EMIT seriesChanged(SeriesSnapshot{m_latest, m_latestIsStored, m_series.sampleCount(), replaced});
}

void MonitorSession::emitAlerts()
{
    Q_EMIT alertsChanged(alerts());
}

void MonitorSession::updateHealth()
{
    HealthSnapshot health = computeHealth();
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace bs

namespace bs {

MonitorSession::HealthSnapshot MonitorSession::computeHealth() const
{
    // objectHealth (core): the same verdict as the Queues table, from the sample and the alerts.
    HealthSnapshot health;
    // Until a live sample has come, the alerts are the ones restored from the alert log (for a
    // simulation, from a run that has gone): the list shows them, the graph waits for live data.
    const bool live = !m_latestIsStored && m_latest.time.isValid();
    const QList<Alert> active = live ? m_engine.activeAlerts() : QList<Alert>{};
    const auto levelOf = [](const ObjectHealth &h) {
        return h.level == ObjectHealth::Error ? HealthLevel::Error
            : h.level == ObjectHealth::Warning ? HealthLevel::Warning
                                               : HealthLevel::Normal;
    };
    for (const Queue &q : std::as_const(m_catalog.queues)) {
        HealthEntry e{ObjectRef{ObjectKind::Queue, q.objectId}, HealthLevel::Normal, {}};
        // A sample read back from the history file is what the tables show until the first live
        // one, but the graph's colours say how things are now: only live samples colour it.
        const QueueSample *qs = m_latestIsStored ? nullptr : m_latest.queue(q.schema, q.name);
        if (qs) {
            const ObjectHealth h = queueHealth(*qs, active);
            if (h.level != ObjectHealth::Normal) {
                e.level = levelOf(h);
                e.reason = h.reason;
            }
        }
        health.append(e);
    }
    for (const Service &s : std::as_const(m_catalog.services)) {
        HealthEntry e{ObjectRef{ObjectKind::Service, s.id}, HealthLevel::Normal, {}};
        const ObjectHealth h = serviceHealth(s.name, active);
        if (h.level != ObjectHealth::Normal) {
            e.level = levelOf(h);
            e.reason = h.reason;
        }
        health.append(e);
    }
    return health;
}

} // namespace bs

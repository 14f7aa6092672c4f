#include "core/series/monitorseries.h"

#include <QSet>

#include <algorithm>

namespace bs {

namespace {
const QString EndpointsPart = QStringLiteral("monitor.endpoints");
const QString QueueDepthPart = QStringLiteral("monitor.queue_depth");
const QString ActivatedTasksPart = QStringLiteral("monitor.activated_tasks");
const QString TransmissionPart = QStringLiteral("monitor.transmission");
const QString CountersPart = QStringLiteral("monitor.perf_counters");
// cntr_type of a per-second counter: a running total that only makes sense as a rate.
constexpr int PerSecondCounterType = 272696576;
} // namespace

MonitorSeries::MonitorSeries(qint64 gapThresholdMs)
    : m_gapThresholdMs(gapThresholdMs)
{
}

QString MonitorSeries::stateKey(EndpointState state)
{
    return QStringLiteral("endpoints.state.") + endpointStateCode(state);
}

QString MonitorSeries::farServiceKey(const QString &farService)
{
    return QStringLiteral("endpoints.far.") + farService;
}

QString MonitorSeries::queueDepthKey(const QString &schema, const QString &name)
{
    return QStringLiteral("queue.") + schema + QLatin1Char('.') + name + QStringLiteral(".depth");
}

QString MonitorSeries::queueReadersKey(const QString &schema, const QString &name)
{
    return QStringLiteral("queue.") + schema + QLatin1Char('.') + name + QStringLiteral(".readers");
}

QString MonitorSeries::counterKey(const PerfCounter &counter)
{
    return QStringLiteral("counter.") + counter.object + QLatin1Char('/') + counter.counter
        + QLatin1Char('/') + counter.instance;
}

void MonitorSeries::put(const QString &key, qint64 timeMs, double value, QSet<QString> &touched)
{
    auto it = m_series.find(key);
    if (it == m_series.end()) {
        it = m_series.insert(key, TimeSeries());
        it->setGapThresholdMs(m_gapThresholdMs);
    }
    it->append(timeMs, value);
    touched.insert(key);
}

void MonitorSeries::append(const MonitorSample &sample)
{
    const qint64 t = sample.time.toMSecsSinceEpoch();
    QSet<QString> touched;

    if (sample.isAvailable(EndpointsPart)) {
        put(QStringLiteral("endpoints.total"), t, double(sample.endpointCount()), touched);
        for (int s = 0; s < EndpointStateCount; ++s) {
            const auto state = EndpointState(s);
            put(stateKey(state), t, double(sample.endpointCount(state)), touched);
        }
        put(QStringLiteral("endpoints.leaked"), t, double(sample.leakedClosedCount()), touched);
        put(QStringLiteral("endpoints.neverExpiring"), t, double(sample.neverExpiringCount()), touched);
        QHash<QString, qint64> byFar;
        for (const EndpointGroup &g : sample.endpoints)
            byFar[g.farService] += g.count;
        // A far service seen before but absent now has no endpoints left: that is a real zero.
        for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
            if (it.key().startsWith(QLatin1String("endpoints.far.")))
                byFar.insert(it.key().mid(14), byFar.value(it.key().mid(14)));
        }
        for (auto it = byFar.cbegin(); it != byFar.cend(); ++it)
            put(farServiceKey(it.key()), t, double(it.value()), touched);
    }
    const bool depthOk = sample.isAvailable(QueueDepthPart);
    const bool readersOk = sample.isAvailable(ActivatedTasksPart);
    for (const QueueSample &q : sample.queues) {
        if (depthOk)
            put(queueDepthKey(q.schema, q.name), t, double(q.depth), touched);
        if (readersOk)
            put(queueReadersKey(q.schema, q.name), t, double(q.activeReaders), touched);
    }
    if (sample.isAvailable(TransmissionPart))
        put(QStringLiteral("transmission.size"), t, double(sample.transmissionQueueSize), touched);
    if (sample.isAvailable(CountersPart)) {
        for (const PerfCounter &c : sample.counters) {
            if (c.ratePerSecond)
                put(counterKey(c), t, *c.ratePerSecond, touched);
            else if (c.type != PerSecondCounterType)
                put(counterKey(c), t, double(c.value), touched);
        }
    }
    // Whatever this sample did not report (a part unavailable, a dropped queue) breaks here.
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        if (!touched.contains(it.key()))
            it->appendGap(t);
    }
    ++m_samples;
}

void MonitorSeries::appendGap(const QDateTime &time)
{
    const qint64 t = time.toMSecsSinceEpoch();
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        it->appendGap(t);
}

void MonitorSeries::removeBefore(const QDateTime &time)
{
    const qint64 t = time.toMSecsSinceEpoch();
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        it->removeBefore(t);
}

QStringList MonitorSeries::keys() const
{
    QStringList k = m_series.keys();
    k.sort();
    return k;
}

const TimeSeries &MonitorSeries::series(const QString &key) const
{
    static const TimeSeries empty;
    const auto it = m_series.constFind(key);
    return it == m_series.cend() ? empty : *it;
}

} // namespace bs

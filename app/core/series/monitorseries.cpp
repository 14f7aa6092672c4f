#include "core/series/monitorseries.h"

#include "core/alerts/endpointreclaim.h"

#include "core/series/serieskey.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace bs {

namespace {
const QString EndpointsPart = QStringLiteral("monitor.endpoints");
const QString QueueDepthPart = QStringLiteral("monitor.queue_depth");
const QString ActivatedTasksPart = QStringLiteral("monitor.activated_tasks");
const QString TransmissionPart = QStringLiteral("monitor.transmission");
const QString CountersPart = QStringLiteral("monitor.perf_counters");
} // namespace

MonitorSeries::MonitorSeries(qint64 gapThresholdMs)
    : m_gapThresholdMs(gapThresholdMs)
{
}

QString MonitorSeries::stateKey(EndpointState state)
{
    return SeriesKey::endpointState(state).toString();
}

QString MonitorSeries::farServiceKey(const QString &farService)
{
    return SeriesKey::farService(farService).toString();
}

QString MonitorSeries::queueDepthKey(const QString &schema, const QString &name)
{
    return SeriesKey::queueDepth(schema, name).toString();
}

QString MonitorSeries::queueReadersKey(const QString &schema, const QString &name)
{
    return SeriesKey::queueReaders(schema, name).toString();
}

QString MonitorSeries::counterKey(const PerfCounter &counter)
{
    return SeriesKey::counter(counter.object, counter.counter, counter.instance).toString();
}

void MonitorSeries::put(const QString &key, qint64 timeMs, double value)
{
    auto it = m_series.find(key);
    if (it == m_series.end()) {
        it = m_series.insert(key, TimeSeries());
        it->setGapThresholdMs(m_gapThresholdMs);
    }
    it->append(timeMs, value);
}

void MonitorSeries::append(const MonitorSample &sample)
{
    const qint64 t = sample.time.toMSecsSinceEpoch();
    static const std::array<QString, EndpointStateCount> stateKeys = [] {
        std::array<QString, EndpointStateCount> k;
        for (int i = 0; i < EndpointStateCount; ++i)
            k[size_t(i)] = stateKey(EndpointState(i));
        return k;
    }();

    static const QString totalKey = SeriesKey::endpointsTotal().toString();
    static const QString censusKey = SeriesKey::endpointsCensus().toString();
    static const QString leakedKey = SeriesKey::endpointsLeaked().toString();
    static const QString neverExpiringKey = SeriesKey::neverExpiring().toString();
    static const QString transmissionKey = SeriesKey::transmissionSize().toString();

    // Between censuses the total comes from partition metadata (MonitorSample::endpointTotal):
    // the total line goes on while the breakdown lines wait for the next census.
    if (!sample.isAvailable(EndpointsPart) && sample.totals.endpoints)
        put(totalKey, t, double(*sample.totals.endpoints));
    if (sample.isAvailable(EndpointsPart)) {
        put(totalKey, t, double(sample.endpointCount()));
        // SeriesKey::endpointsCensus(): the same count once more, only at census samples; the
        // population chart marks these points on the Total line.
        put(censusKey, t, double(sample.endpointCount()));
        for (int s = 0; s < EndpointStateCount; ++s) {
            const auto state = EndpointState(s);
            put(stateKeys[size_t(s)], t, double(sample.endpointCount(state)));
        }
        // "Leak" is what will not be reclaimed within a year, as the leak alert counts it: the CLOSED
        // endpoints of a windowed pattern go at their LIFETIME and are not counted.
        put(leakedKey, t, double(closedNeverReclaimed(sample)));
        put(neverExpiringKey, t, double(allNeverReclaimed(sample)));
        QHash<QString, qint64> byFar;
        for (const EndpointGroup &g : sample.endpoints)
            byFar[g.farService] += g.count;
        // A far service seen before but absent now has no endpoints left: that is a real zero.
        for (const QString &far : std::as_const(m_farServices))
            byFar.insert(far, byFar.value(far));
        for (auto it = byFar.cbegin(); it != byFar.cend(); ++it) {
            m_farServices.insert(it.key());
            put(farServiceKey(it.key()), t, double(it.value()));
        }
    }
    const bool depthOk = sample.isAvailable(QueueDepthPart);
    const bool readersOk = sample.isAvailable(ActivatedTasksPart);
    for (const QueueSample &q : sample.queues) {
        if (depthOk)
            put(queueDepthKey(q.schema, q.name), t, double(q.depth));
        if (readersOk)
            put(queueReadersKey(q.schema, q.name), t, double(q.activeReaders));
    }
    if (const std::optional<qint64> size = sample.transmissionTotal())
        put(transmissionKey, t, double(*size));
    if (sample.isAvailable(CountersPart)) {
        for (const PerfCounter &c : sample.counters) {
            if (c.ratePerSecond)
                put(counterKey(c), t, *c.ratePerSecond);
            else if (!c.isPerSecond())
                put(counterKey(c), t, double(c.value));
        }
    }
    // Whatever this sample did not report (a part unavailable, a dropped queue) breaks here.
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        if (it->lastTime() < t)
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

void MonitorSeries::setGapThresholdMs(qint64 ms)
{
    m_gapThresholdMs = ms;
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        it->setGapThresholdMs(ms);
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

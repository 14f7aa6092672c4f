#include "data/history/seriesbuilder.h"

#include "core/series/serieskey.h"

#include <utility>

namespace bs {

namespace {
// Built on first use, not at static initialisation: SeriesKey's own constants live in another
// translation unit and may not be initialised yet then (the key came out empty).
const QString &totalKey()
{
    static const QString key = SeriesKey::endpointsTotal().toString();
    return key;
}

const QString &censusKey()
{
    static const QString key = SeriesKey::endpointsCensus().toString();
    return key;
}

const QString &statePrefix()
{
    static const QString prefix = SeriesKey::endpointState(EndpointState::SO).toString().chopped(2);
    return prefix;
}
} // namespace

SeriesBuilder::SeriesBuilder(qint64 gapThresholdMs) : m_series(gapThresholdMs)
{
    // The parts MonitorSeries::append reads (app/core/series/monitorseries.cpp).
    for (const char *part : {"monitor.endpoints", "monitor.queue_depth", "monitor.activated_tasks",
                             "monitor.transmission", "monitor.perf_counters"})
        m_closer.unavailable.append({QLatin1String(part), QString(), QString()});
}

void SeriesBuilder::setOnlyKeys(const QSet<QString> &keys)
{
    m_onlyKeys = keys;
    m_wantCensus = keys.isEmpty() || keys.contains(censusKey());
}

void SeriesBuilder::setKey(int id, const QString &key)
{
    if (id < 0)
        return;
    if (size_t(id) >= m_keys.size()) {
        m_keys.resize(size_t(id) + 1);
        m_isFar.resize(size_t(id) + 1, 0);
        m_wanted.resize(size_t(id) + 1, 0);
        m_farPresentAt.resize(size_t(id) + 1, -1);
        m_isState.resize(size_t(id) + 1, 0);
    }
    m_keys[size_t(id)] = key;
    m_ids.insert(key, id);
    m_wanted[size_t(id)] = m_onlyKeys.isEmpty() || m_onlyKeys.contains(key);
    m_isFar[size_t(id)] = key.startsWith(SeriesKey::farServicePrefix());
    m_isState[size_t(id)] = key.startsWith(statePrefix());
    if (key == totalKey())
        m_totalId = id;
}

int SeriesBuilder::idFor(const QString &key)
{
    if (const auto it = m_ids.constFind(key); it != m_ids.cend())
        return *it;
    const int id = int(m_keys.size());
    setKey(id, key);
    return id;
}

bool SeriesBuilder::appendRow(qint64 timeMs, const QByteArray &points)
{
    m_row.clear();
    if (!SeriesPoints::decode(points, &m_row))
        return false;
    return appendPoints(timeMs, m_row);
}

bool SeriesBuilder::appendPoints(qint64 timeMs, const std::vector<SeriesPoints::IdPoint> &points)
{
    for (const SeriesPoints::IdPoint &p : points) {
        if (p.id < 0 || size_t(p.id) >= m_keys.size() || m_keys[size_t(p.id)].isEmpty())
            return false;
    }
    replay(timeMs, points);
    return true;
}

void SeriesBuilder::appendSample(const MonitorSample &sample)
{
    // Through the same replay as stored rows, so far-service zeros span old and new rows alike.
    m_row.clear();
    for (const SeriesPoints::Point &p : SeriesPoints::fromSample(sample))
        m_row.push_back({idFor(p.key), p.value});
    replay(sample.time.toMSecsSinceEpoch(), m_row);
}

void SeriesBuilder::replay(qint64 timeMs, const std::vector<SeriesPoints::IdPoint> &row)
{
    // The endpoint states are there exactly when the census was read (MonitorSeries::append);
    // between censuses the total comes from partition metadata and the states are absent.
    bool endpointsRead = false;
    double total = TimeSeries::Gap;
    for (const SeriesPoints::IdPoint &p : row) {
        const auto id = size_t(p.id);
        if (p.id == m_totalId)
            total = p.value;
        if (m_isState[id])
            endpointsRead = true;
        if (!m_wanted[id])
            continue;
        m_series.appendValue(m_keys[id], timeMs, p.value);
        if (m_isFar[id]) {
            if (m_farPresentAt[id] < 0)
                m_farSeen.push_back(p.id);
            m_farPresentAt[id] = timeMs;
        }
    }
    if (endpointsRead && m_wantCensus)
        m_series.appendValue(censusKey(), timeMs, total);
    // A far service seen before but absent now has no endpoints left: that is a real zero.
    if (endpointsRead) {
        for (const int id : m_farSeen) {
            if (m_farPresentAt[size_t(id)] != timeMs)
                m_series.appendValue(m_keys[size_t(id)], timeMs, 0.0);
        }
    }
    m_closer.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    m_series.append(m_closer);
}

void SeriesBuilder::appendGap(qint64 timeMs)
{
    m_series.appendGap(QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC));
}

MonitorSeries SeriesBuilder::take()
{
    return std::exchange(m_series, MonitorSeries(m_series.gapThresholdMs()));
}

} // namespace bs

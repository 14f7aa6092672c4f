#include "data/history/seriesbuilder.h"

#include "core/series/serieskey.h"

#include <utility>

namespace bs {

namespace {
const QString TotalKey = SeriesKey::endpointsTotal().toString();
} // namespace

SeriesBuilder::SeriesBuilder(qint64 gapThresholdMs) : m_series(gapThresholdMs)
{
    // The parts MonitorSeries::append reads (app/core/series/monitorseries.cpp).
    for (const char *part : {"monitor.endpoints", "monitor.queue_depth", "monitor.activated_tasks",
                             "monitor.transmission", "monitor.perf_counters"})
        m_closer.unavailable.append({QLatin1String(part), QString(), QString()});
}

void SeriesBuilder::setKey(int id, const QString &key)
{
    if (id < 0)
        return;
    if (size_t(id) >= m_keys.size()) {
        m_keys.resize(size_t(id) + 1);
        m_isFar.resize(size_t(id) + 1, 0);
        m_farPresentAt.resize(size_t(id) + 1, -1);
    }
    m_keys[size_t(id)] = key;
    m_ids.insert(key, id);
    m_isFar[size_t(id)] = key.startsWith(SeriesKey::farServicePrefix());
    if (key == TotalKey)
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
    for (const SeriesPoints::IdPoint &p : m_row) {
        if (p.id < 0 || size_t(p.id) >= m_keys.size() || m_keys[size_t(p.id)].isEmpty())
            return false;
    }
    replay(timeMs);
    return true;
}

void SeriesBuilder::appendSample(const MonitorSample &sample)
{
    // Through the same replay as stored rows, so far-service zeros span old and new rows alike.
    m_row.clear();
    for (const SeriesPoints::Point &p : SeriesPoints::fromSample(sample))
        m_row.push_back({idFor(p.key), p.value});
    replay(sample.time.toMSecsSinceEpoch());
}

void SeriesBuilder::replay(qint64 timeMs)
{
    bool endpointsRead = false;
    for (const SeriesPoints::IdPoint &p : m_row) {
        const auto id = size_t(p.id);
        m_series.appendValue(m_keys[id], timeMs, p.value);
        if (p.id == m_totalId)
            endpointsRead = true;
        if (m_isFar[id]) {
            if (m_farPresentAt[id] < 0)
                m_farSeen.push_back(p.id);
            m_farPresentAt[id] = timeMs;
        }
    }
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

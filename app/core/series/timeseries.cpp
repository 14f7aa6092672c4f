#include "core/series/timeseries.h"

#include <algorithm>

namespace bs {

bool TimeSeries::append(qint64 timeMs, double value)
{
    if (!m_times.empty() && timeMs < m_times.back())
        return false;
    if (isGapValue(value)) {
        appendGap(timeMs);
        return true;
    }
    if (m_gapThresholdMs > 0 && !m_times.empty() && !isGapValue(m_values.back())
        && timeMs - m_times.back() > m_gapThresholdMs) {
        // The gap starts right after the last real sample, so the line stops there.
        push(m_times.back() + 1, Gap);
    }
    push(timeMs, value);
    return true;
}

void TimeSeries::push(qint64 timeMs, double value)
{
    const qsizetype index = qsizetype(m_times.size());
    m_times.push_back(timeMs);
    m_values.push_back(value);
    if (index % BlockSize == 0)
        m_blocks.push_back(Block());
    Block &b = m_blocks.back();
    if (isGapValue(value)) {
        b.hasGap = true;
        return;
    }
    if (b.loIndex < 0 || value < b.lo) {
        b.lo = value;
        b.loIndex = index;
    }
    if (b.hiIndex < 0 || value > b.hi) {
        b.hi = value;
        b.hiIndex = index;
    }
}

void TimeSeries::rebuildBlocks()
{
    std::vector<qint64> times;
    std::vector<double> values;
    times.swap(m_times);
    values.swap(m_values);
    m_blocks.clear();
    m_times.reserve(times.size());
    m_values.reserve(values.size());
    m_blocks.reserve(times.size() / size_t(BlockSize) + 1);
    for (size_t i = 0; i < times.size(); ++i)
        push(times[i], values[i]);
}

void TimeSeries::appendGap(qint64 timeMs)
{
    if (m_times.empty() || isGapValue(m_values.back()))
        return; // a leading gap or a second gap in a row draws nothing new
    if (timeMs < m_times.back())
        timeMs = m_times.back();
    push(timeMs, Gap);
}

qsizetype TimeSeries::lowerBound(qint64 timeMs) const
{
    return qsizetype(std::lower_bound(m_times.cbegin(), m_times.cend(), timeMs) - m_times.cbegin());
}

qsizetype TimeSeries::upperBound(qint64 timeMs) const
{
    return qsizetype(std::upper_bound(m_times.cbegin(), m_times.cend(), timeMs) - m_times.cbegin());
}

std::pair<double, double> TimeSeries::valueRange(qint64 fromMs, qint64 toMs) const
{
    double lo = Gap;
    double hi = Gap;
    for (qsizetype i = lowerBound(fromMs), end = upperBound(toMs); i < end; ++i) {
        const double v = m_values[size_t(i)];
        if (isGapValue(v))
            continue;
        if (isGapValue(lo) || v < lo)
            lo = v;
        if (isGapValue(hi) || v > hi)
            hi = v;
    }
    return {lo, hi};
}

void TimeSeries::removeBefore(qint64 timeMs)
{
    const auto n = lowerBound(timeMs);
    m_times.erase(m_times.begin(), m_times.begin() + n);
    m_values.erase(m_values.begin(), m_values.begin() + n);
    // A gap marker at the front would only hide where the data starts.
    while (!m_values.empty() && isGapValue(m_values.front())) {
        m_times.erase(m_times.begin());
        m_values.erase(m_values.begin());
    }
    // Indices moved: the block summaries start over (retention runs rarely).
    rebuildBlocks();
}

void TimeSeries::reserve(qsizetype n)
{
    m_times.reserve(size_t(n));
    m_values.reserve(size_t(n));
    m_blocks.reserve(size_t(n / BlockSize + 1));
}

void TimeSeries::clear()
{
    m_times.clear();
    m_values.clear();
    m_blocks.clear();
}

} // namespace bs

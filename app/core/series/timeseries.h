#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>
#include <vector>

namespace bs {

/// One chart line: values in time order (milliseconds since the epoch, UTC). A gap — time
/// without a sample — is stored as a NaN marker, never as a zero, so a chart can break the line.
class TimeSeries
{
public:
    static constexpr double Gap = std::numeric_limits<double>::quiet_NaN();
    static bool isGapValue(double v) { return std::isnan(v); }

    /// Appends a value; a time earlier than the last one is refused (returns false).
    /// With a gap threshold set, a step longer than the threshold inserts a gap first.
    bool append(qint64 timeMs, double value);
    /// Marks "no data from here on" until the next value; repeated gaps collapse into one.
    void appendGap(qint64 timeMs);
    /// Steps longer than this (ms) are gaps; 0 turns the detection off.
    void setGapThresholdMs(qint64 ms) { m_gapThresholdMs = ms; }
    qint64 gapThresholdMs() const { return m_gapThresholdMs; }

    qsizetype size() const { return qsizetype(m_times.size()); }
    bool isEmpty() const { return m_times.empty(); }
    qint64 timeAt(qsizetype i) const { return m_times[size_t(i)]; }
    double valueAt(qsizetype i) const { return m_values[size_t(i)]; }
    bool isGapAt(qsizetype i) const { return isGapValue(m_values[size_t(i)]); }
    const std::vector<qint64> &times() const { return m_times; }
    const std::vector<double> &values() const { return m_values; }
    qint64 firstTime() const { return m_times.empty() ? 0 : m_times.front(); }
    qint64 lastTime() const { return m_times.empty() ? 0 : m_times.back(); }

    /// Index of the first point at or after timeMs (size() when none).
    qsizetype lowerBound(qint64 timeMs) const;
    /// Index of the first point after timeMs (size() when none).
    qsizetype upperBound(qint64 timeMs) const;
    /// Smallest and largest value in [fromMs, toMs], gaps ignored; {NaN, NaN} when there is none.
    std::pair<double, double> valueRange(qint64 fromMs, qint64 toMs) const;
    /// Drops every point before timeMs (retention of the live window).
    void removeBefore(qint64 timeMs);
    void reserve(qsizetype n);
    void clear();

    /// Extremes of a fixed run of BlockSize points, kept up to date on append, so that a
    /// downsampler can skip whole runs inside one pixel column.
    struct Block
    {
        double lo = 0;
        double hi = 0;
        qsizetype loIndex = -1; ///< first index holding lo
        qsizetype hiIndex = -1; ///< first index holding hi
        bool hasGap = false;
    };
    static constexpr qsizetype BlockSize = 64;
    /// Block k covers the indices [k * BlockSize, (k + 1) * BlockSize).
    const std::vector<Block> &blocks() const { return m_blocks; }

private:
    void push(qint64 timeMs, double value);
    void rebuildBlocks();

    std::vector<qint64> m_times;
    std::vector<double> m_values;
    std::vector<Block> m_blocks;
    qint64 m_gapThresholdMs = 0;
};

} // namespace bs

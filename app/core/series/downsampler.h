#pragma once

#include "core/series/timeseries.h"

#include <QList>

namespace bs {

/// One point of a chart line; a NaN value is a gap (the line breaks there).
struct SeriesPoint
{
    qint64 timeMs = 0;
    double value = 0;
    bool isGap() const { return TimeSeries::isGapValue(value); }
    bool operator==(const SeriesPoint &o) const
    {
        return timeMs == o.timeMs && (value == o.value || (isGap() && o.isGap()));
    }
};

/// Reduces a time series to what a chart of a given pixel width can show: per pixel bucket
/// the smallest and largest value, in time order, so every peak and trough survives, and
/// gaps stay gaps. The output never exceeds 6 points per bucket plus the two points just
/// outside the range (so the line reaches the edges), and the same input gives the same output.
class Downsampler
{
public:
    static constexpr int MaxPointsPerBucket = 6;

    /// Points of `series` in [fromMs, toMs] reduced to `buckets` pixel columns. When the range
    /// already holds no more than two points per bucket they are returned unchanged.
    static QList<SeriesPoint> minMax(const TimeSeries &series, qint64 fromMs, qint64 toMs, int buckets);
    /// Every point in [fromMs, toMs] plus the neighbours just outside (no reduction).
    static QList<SeriesPoint> raw(const TimeSeries &series, qint64 fromMs, qint64 toMs);
    /// minMax() of several series over the same range, spread over idle threads of Qt's global
    /// thread pool (the caller works too and never waits for a busy pool): a chart redraw of
    /// 7 week-long series takes half the wall time on two cores. Results in input order, each
    /// identical to minMax() of that series.
    static QList<QList<SeriesPoint>> minMaxEach(const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs,
                                                int buckets);
};

} // namespace bs

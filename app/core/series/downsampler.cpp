#include "core/series/downsampler.h"

#include <QSemaphore>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

namespace bs {

namespace {

struct Extremes
{
    qsizetype minIndex = -1;
    qsizetype maxIndex = -1;
    double minValue = 0; // kept beside the indices: no load from the series per point
    double maxValue = 0;

    void add(double v, qsizetype i)
    {
        if (minIndex < 0) {
            minIndex = maxIndex = i;
            minValue = maxValue = v;
            return;
        }
        if (v < minValue) {
            minValue = v;
            minIndex = i;
        }
        if (v > maxValue) {
            maxValue = v;
            maxIndex = i;
        }
    }
    bool isEmpty() const { return minIndex < 0; }
    void writeTo(const TimeSeries &s, QList<SeriesPoint> &out) const
    {
        if (isEmpty())
            return;
        const qsizetype first = std::min(minIndex, maxIndex);
        const qsizetype second = std::max(minIndex, maxIndex);
        out.append({s.timeAt(first), s.valueAt(first)});
        if (second != first)
            out.append({s.timeAt(second), s.valueAt(second)});
    }
};

// What one pixel column saw: the values before its first gap, that gap, the values after
// it (later gaps that close inside the same column merge away), and a gap still open at its end.
// A census-paced breakdown line is a value and a gap in turn: a week of it goes through here
// point by point, so the values come in from the caller's pointer.
struct Bucket
{
    Extremes before;
    qsizetype firstGap = -1;
    Extremes after;
    qsizetype trailingGap = -1;

    void add(double v, qsizetype i)
    {
        if (TimeSeries::isGapValue(v)) {
            if (firstGap < 0)
                firstGap = i;
            else if (!after.isEmpty())
                trailingGap = i;
            return;
        }
        if (firstGap < 0) {
            before.add(v, i);
        } else {
            after.add(v, i);
            trailingGap = -1;
        }
    }
    void flush(const TimeSeries &s, QList<SeriesPoint> &out)
    {
        before.writeTo(s, out);
        if (firstGap >= 0)
            out.append({s.timeAt(firstGap), TimeSeries::Gap});
        after.writeTo(s, out);
        if (trailingGap >= 0)
            out.append({s.timeAt(trailingGap), TimeSeries::Gap});
        *this = Bucket();
    }
};

void appendNeighbour(const TimeSeries &s, qsizetype i, QList<SeriesPoint> &out)
{
    if (i >= 0 && i < s.size() && !s.isGapAt(i))
        out.append({s.timeAt(i), s.valueAt(i)});
}

} // namespace

QList<SeriesPoint> Downsampler::raw(const TimeSeries &series, qint64 fromMs, qint64 toMs)
{
    QList<SeriesPoint> out;
    if (toMs < fromMs)
        return out;
    const qsizetype begin = series.lowerBound(fromMs);
    const qsizetype end = series.upperBound(toMs);
    out.reserve(end - begin + 2);
    appendNeighbour(series, begin - 1, out);
    for (qsizetype i = begin; i < end; ++i)
        out.append({series.timeAt(i), series.valueAt(i)});
    appendNeighbour(series, end, out);
    return out;
}

QList<SeriesPoint> Downsampler::minMax(const TimeSeries &series, qint64 fromMs, qint64 toMs, int buckets)
{
    if (buckets <= 0 || toMs <= fromMs)
        return {};
    const qsizetype begin = series.lowerBound(fromMs);
    const qsizetype end = series.upperBound(toMs);
    if (end - begin <= 2 * qsizetype(buckets))
        return raw(series, fromMs, toMs);

    QList<SeriesPoint> out;
    out.reserve(qsizetype(buckets) * 2 + 4);
    appendNeighbour(series, begin - 1, out);
    // An integer bucket width, rounded up, keeps the column count within `buckets` and the
    // result identical on every platform.
    const qint64 span = toMs - fromMs + 1;
    const qint64 width = (span + buckets - 1) / buckets;
    const qint64 *times = series.times().data();
    const double *values = series.values().data();
    const std::vector<TimeSeries::Block> &blocks = series.blocks();
    qsizetype i = begin;
    while (i < end) {
        // One division per column, not per point: the inner loops only compare.
        const qint64 bucketEnd = fromMs + ((times[i] - fromMs) / width + 1) * width;
        // Fast path: a run of values without a gap, extremes kept in registers.
        double lo = values[i];
        double hi = lo;
        qsizetype loIndex = i;
        qsizetype hiIndex = i;
        qsizetype j = i;
        if (!TimeSeries::isGapValue(lo)) {
            for (++j; j < end && times[j] < bucketEnd; ++j) {
                // A whole block inside the column and without gaps: take its summary.
                if (j % TimeSeries::BlockSize == 0 && j + TimeSeries::BlockSize <= end
                    && times[j + TimeSeries::BlockSize - 1] < bucketEnd) {
                    const TimeSeries::Block &b = blocks[size_t(j / TimeSeries::BlockSize)];
                    if (!b.hasGap) {
                        if (b.lo < lo) {
                            lo = b.lo;
                            loIndex = b.loIndex;
                        }
                        if (b.hi > hi) {
                            hi = b.hi;
                            hiIndex = b.hiIndex;
                        }
                        j += TimeSeries::BlockSize - 1;
                        continue;
                    }
                }
                const double v = values[j];
                if (TimeSeries::isGapValue(v))
                    break;
                if (v < lo) {
                    lo = v;
                    loIndex = j;
                }
                if (v > hi) {
                    hi = v;
                    hiIndex = j;
                }
            }
            if (j >= end || times[j] >= bucketEnd) {
                out.append({times[std::min(loIndex, hiIndex)], values[std::min(loIndex, hiIndex)]});
                if (loIndex != hiIndex)
                    out.append({times[std::max(loIndex, hiIndex)], values[std::max(loIndex, hiIndex)]});
                i = j;
                continue;
            }
        }
        // The column holds a gap: the general path, which keeps gaps apart from values.
        Bucket bucket;
        qsizetype k = i;
        for (; k < end && times[k] < bucketEnd; ++k)
            bucket.add(values[k], k);
        bucket.flush(series, out);
        i = k; // k > i: times[i] lies in this column by construction
    }
    appendNeighbour(series, end, out);
    return out;
}

QList<QList<SeriesPoint>> Downsampler::minMaxEach(const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs,
                                                  int buckets)
{
    QList<QList<SeriesPoint>> out(series.size());
    std::atomic<qsizetype> next{0};
    const auto work = [&] {
        for (qsizetype i = next++; i < series.size(); i = next++)
            out[i] = series[i] ? minMax(*series[i], fromMs, toMs, buckets) : QList<SeriesPoint>();
    };
    // Helpers only where a pool thread is free right now: a busy pool must never stall a redraw.
    QSemaphore done;
    int helpers = 0;
    QThreadPool *pool = QThreadPool::globalInstance();
    for (qsizetype i = 1; i < series.size() && helpers < pool->maxThreadCount() - 1; ++i) {
        if (!pool->tryStart([&] {
                work();
                done.release();
            }))
            break;
        ++helpers;
    }
    work();
    // Each helper is at most one series away from finishing.
    done.acquire(helpers);
    return out;
}

} // namespace bs

#include "core/series/downsampler.h"

#include <algorithm>

namespace bs {

namespace {

struct Extremes
{
    qsizetype minIndex = -1;
    qsizetype maxIndex = -1;

    void add(const TimeSeries &s, qsizetype i)
    {
        const double v = s.valueAt(i);
        if (minIndex < 0 || v < s.valueAt(minIndex))
            minIndex = i;
        if (maxIndex < 0 || v > s.valueAt(maxIndex))
            maxIndex = i;
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
struct Bucket
{
    Extremes before;
    qsizetype firstGap = -1;
    Extremes after;
    qsizetype trailingGap = -1;

    void add(const TimeSeries &s, qsizetype i)
    {
        if (s.isGapAt(i)) {
            if (firstGap < 0)
                firstGap = i;
            else if (!after.isEmpty())
                trailingGap = i;
            return;
        }
        if (firstGap < 0) {
            before.add(s, i);
        } else {
            after.add(s, i);
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
    Bucket bucket;
    qint64 current = -1;
    for (qsizetype i = begin; i < end; ++i) {
        const qint64 offset = series.timeAt(i) - fromMs;
        const qint64 b = offset / width;
        if (b != current) {
            if (current >= 0)
                bucket.flush(series, out);
            current = b;
        }
        bucket.add(series, i);
    }
    bucket.flush(series, out);
    appendNeighbour(series, end, out);
    return out;
}

QList<QList<SeriesPoint>> Downsampler::segments(const QList<SeriesPoint> &points)
{
    QList<QList<SeriesPoint>> result;
    QList<SeriesPoint> run;
    for (const SeriesPoint &p : points) {
        if (p.isGap()) {
            if (!run.isEmpty())
                result.append(std::exchange(run, {}));
            continue;
        }
        run.append(p);
    }
    if (!run.isEmpty())
        result.append(run);
    return result;
}

} // namespace bs

#pragma once

#include "core/monitorsample.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace bs {

/// The chart numbers of one sample as the history stores them next to the full sample: the
/// (series key, value) pairs that MonitorSeries::append adds for that sample, with the keys
/// replaced by ids from a per-file dictionary and the values packed as varints (integers) or
/// raw doubles. Reading a week of charts then decodes a few hundred bytes per sample instead of
/// inflating and parsing the whole CBOR sample.
class SeriesPoints
{
public:
    struct Point
    {
        QString key;
        double value = 0; ///< NaN: MonitorSeries puts a gap value for the key
    };
    struct IdPoint
    {
        int id = 0;
        double value = 0;
    };

    /// What MonitorSeries::append(sample) puts for this sample when it is the first one: every
    /// key with its value(s), in a fixed order. Far services seen in earlier samples but absent
    /// from this one are not here (their zeros depend on the range read; SeriesBuilder adds them),
    /// nor "endpoints.census" (the total again at census samples; SeriesBuilder derives it).
    static QList<Point> fromSample(const MonitorSample &sample);

    /// A format byte, then per point varint(id << 2 | kind) and its value: kind 0 a non-negative
    /// integer (varint), 1 a negative integer (varint of its magnitude), 2 a double (8 bytes,
    /// little-endian), 3 NaN. An empty array is reserved for a gap row.
    static QByteArray encode(const std::vector<IdPoint> &points);
    /// Appends the points of `bytes` to `out`; false when the bytes are not a points row
    /// (an empty array, a later format, or damaged).
    static bool decode(const QByteArray &bytes, std::vector<IdPoint> *out);
};

} // namespace bs

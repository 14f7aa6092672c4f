#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace bs {

/// Compresses one column of numbers of a history block (the values of one chart series, or the
/// sample times) and restores it bit for bit. Each column picks the smallest of several encodings:
/// - constant: every value has the same bits (64 bits in all);
/// - integer of order 0, 1 or 2: whole numbers (up to 2^53, as doubles) as themselves, as deltas
///   or as delta-of-deltas, zigzag-mapped and Rice-coded with a per-column parameter (an escape
///   stores outliers with their bit length);
/// - XOR: Gorilla's encoding of each double's bits against the previous one (fractions, NaN).
/// Counters that grow steadily cost about a bit per value (delta-of-delta 0), gauges their noise.
class ColumnCodec
{
public:
    static QByteArray encodeDoubles(const std::vector<double> &values);
    /// Appends `count` values to `out`; false when the bytes are damaged or too short.
    static bool decodeDoubles(QByteArrayView bytes, size_t count, std::vector<double> *out);

    static QByteArray encodeIntegers(const std::vector<qint64> &values);
    static bool decodeIntegers(QByteArrayView bytes, size_t count, std::vector<qint64> *out);
};

} // namespace bs

#pragma once

#include "data/history/seriespoints.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

namespace bs {

/// One closed time block of the history (an hour of samples) in columns: the sample times, which
/// of them are gap rows, and per chart series how many values each sample gave it and the values,
/// each column compressed on its own (ColumnCodec). A CRC-32 over the bytes tells a damaged block
/// from a valid one before anything is decoded.
///
/// Layout (varints are unsigned LEB128): format byte 1, rows, times length + ColumnCodec integers,
/// gap count + gap row indices as deltas, series count, then per series: key id, run count +
/// (values per row, rows) pairs, values length + ColumnCodec doubles; last the CRC-32 (4 bytes,
/// little-endian) of everything before it.
class HistoryBlock
{
public:
    struct Row
    {
        qint64 timeMs = 0;
        bool gap = false;
        std::vector<SeriesPoints::IdPoint> points; ///< in the order the sample gave them
    };

    /// Encodes rows in time order (each time once).
    static QByteArray encode(const std::vector<Row> &rows);
    /// Decodes a block; with `onlyIds` the other series are skipped unread. Empty with `error`
    /// set when the block is damaged or of a later format.
    static std::optional<HistoryBlock> decode(const QByteArray &bytes, const QSet<int> *onlyIds = nullptr,
                                              QString *error = nullptr);

    qsizetype rowCount() const { return qsizetype(m_times.size()); }
    qint64 timeAt(qsizetype row) const { return m_times[size_t(row)]; }
    bool isGapAt(qsizetype row) const { return m_gaps[size_t(row)] != 0; }
    /// Appends the points of one row to `out`, grouped by series (the order within a series kept).
    void pointsAt(qsizetype row, std::vector<SeriesPoints::IdPoint> *out) const;
    /// Every row, for merging with newer rows when a block is rewritten.
    std::vector<Row> rows() const;

private:
    struct Series
    {
        int id = 0;
        std::vector<quint32> offsets; ///< rows + 1 entries: the values of row r are [offsets[r], offsets[r + 1])
        std::vector<double> values;
    };
    std::vector<qint64> m_times;
    std::vector<char> m_gaps;
    std::vector<Series> m_series;
};

} // namespace bs

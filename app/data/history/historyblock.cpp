#include "data/history/historyblock.h"

#include "data/history/columncodec.h"
#include "data/history/varint.h"

#include <QtEndian>

#include <map>
#include <zlib.h>

namespace bs {

namespace {

constexpr char FormatV1 = 1;
// More values than this in one row of one series is not something a sample gives: damage.
constexpr quint64 MaxValuesPerRow = 4096;

quint32 crcOf(const char *data, qsizetype size)
{
    return quint32(crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef *>(data), uInt(size)));
}

void putSection(QByteArray &out, const QByteArray &section)
{
    putVarint(out, quint64(section.size()));
    out.append(section);
}

bool getSection(const char *&p, const char *end, QByteArrayView *section)
{
    quint64 size = 0;
    if (!getVarint(p, end, &size) || size > quint64(end - p))
        return false;
    *section = QByteArrayView(p, qsizetype(size));
    p += size;
    return true;
}

} // namespace

QByteArray HistoryBlock::encode(const std::vector<Row> &rows)
{
    QByteArray out;
    out.append(FormatV1);
    putVarint(out, rows.size());
    std::vector<qint64> times;
    times.reserve(rows.size());
    std::vector<quint64> gaps;
    // Per series (ordered by id): values per row, and the values in row order.
    struct Column
    {
        std::vector<quint32> counts;
        std::vector<double> values;
    };
    std::map<int, Column> columns;
    for (size_t r = 0; r < rows.size(); ++r) {
        times.push_back(rows[r].timeMs);
        if (rows[r].gap)
            gaps.push_back(r);
        for (const SeriesPoints::IdPoint &p : rows[r].points) {
            Column &c = columns[p.id];
            c.counts.resize(rows.size(), 0);
            ++c.counts[r];
            c.values.push_back(p.value);
        }
    }
    putSection(out, ColumnCodec::encodeIntegers(times));
    putVarint(out, gaps.size());
    quint64 previous = 0;
    for (const quint64 g : gaps) {
        putVarint(out, g - previous);
        previous = g;
    }
    putVarint(out, columns.size());
    for (const auto &[id, column] : columns) {
        putVarint(out, quint64(id));
        // Runs of equal counts: a series fed by every sample is one run.
        std::vector<std::pair<quint32, quint64>> runs;
        for (const quint32 n : column.counts) {
            if (!runs.empty() && runs.back().first == n)
                ++runs.back().second;
            else
                runs.push_back({n, 1});
        }
        putVarint(out, runs.size());
        for (const auto &[n, length] : runs) {
            putVarint(out, n);
            putVarint(out, length);
        }
        putSection(out, ColumnCodec::encodeDoubles(column.values));
    }
    char crc[4];
    qToLittleEndian(crcOf(out.constData(), out.size()), crc);
    out.append(crc, 4);
    return out;
}

std::optional<HistoryBlock> HistoryBlock::decode(const QByteArray &bytes, const QSet<int> *onlyIds, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (bytes.size() < 5)
        return fail(QStringLiteral("the block is truncated"));
    const qsizetype body = bytes.size() - 4;
    if (qFromLittleEndian<quint32>(bytes.constData() + body) != crcOf(bytes.constData(), body))
        return fail(QStringLiteral("the block's checksum does not match (damaged or truncated)"));
    if (bytes.front() != FormatV1)
        return fail(QStringLiteral("the block has format %1, newer than this version reads").arg(int(bytes.front())));
    const char *p = bytes.constData() + 1;
    const char *end = bytes.constData() + body;
    const auto damaged = [&fail] { return fail(QStringLiteral("the block's contents do not decode")); };
    HistoryBlock block;
    quint64 rows = 0;
    QByteArrayView section;
    // Every row costs at least a bit of the times column: a larger count is damage.
    if (!getVarint(p, end, &rows) || rows > quint64(body) * 8 || !getSection(p, end, &section))
        return damaged();
    block.m_times.reserve(rows);
    if (!ColumnCodec::decodeIntegers(section, rows, &block.m_times))
        return damaged();
    block.m_gaps.assign(rows, 0);
    quint64 gapCount = 0;
    if (!getVarint(p, end, &gapCount) || gapCount > rows)
        return damaged();
    quint64 gapRow = 0;
    for (quint64 g = 0; g < gapCount; ++g) {
        quint64 delta = 0;
        if (!getVarint(p, end, &delta) || gapRow + delta >= rows)
            return damaged();
        gapRow += delta;
        block.m_gaps[gapRow] = 1;
    }
    quint64 seriesCount = 0;
    if (!getVarint(p, end, &seriesCount) || seriesCount > quint64(body))
        return damaged();
    for (quint64 s = 0; s < seriesCount; ++s) {
        quint64 id = 0;
        quint64 runCount = 0;
        if (!getVarint(p, end, &id) || id > quint64(std::numeric_limits<int>::max()) || !getVarint(p, end, &runCount)
            || runCount > rows)
            return damaged();
        Series series;
        series.id = int(id);
        series.offsets.reserve(rows + 1);
        series.offsets.push_back(0);
        quint64 total = 0;
        for (quint64 r = 0; r < runCount; ++r) {
            quint64 n = 0;
            quint64 length = 0;
            if (!getVarint(p, end, &n) || !getVarint(p, end, &length) || n > MaxValuesPerRow
                || length > rows - (series.offsets.size() - 1))
                return damaged();
            for (quint64 i = 0; i < length; ++i) {
                total += n;
                series.offsets.push_back(quint32(total));
            }
        }
        // The offsets are 32-bit; no real block comes near that.
        if (series.offsets.size() != rows + 1 || total > quint64(std::numeric_limits<qint32>::max())
            || !getSection(p, end, &section))
            return damaged();
        if (onlyIds && !onlyIds->contains(series.id))
            continue;
        series.values.reserve(total);
        if (!ColumnCodec::decodeDoubles(section, total, &series.values))
            return damaged();
        block.m_series.push_back(std::move(series));
    }
    if (p != end)
        return damaged();
    return block;
}

void HistoryBlock::pointsAt(qsizetype row, std::vector<SeriesPoints::IdPoint> *out) const
{
    for (const Series &s : m_series) {
        for (quint32 i = s.offsets[size_t(row)]; i < s.offsets[size_t(row) + 1]; ++i)
            out->push_back({s.id, s.values[i]});
    }
}

std::vector<HistoryBlock::Row> HistoryBlock::rows() const
{
    std::vector<Row> result(m_times.size());
    for (size_t r = 0; r < m_times.size(); ++r) {
        result[r].timeMs = m_times[r];
        result[r].gap = m_gaps[r] != 0;
        pointsAt(qsizetype(r), &result[r].points);
    }
    return result;
}

} // namespace bs

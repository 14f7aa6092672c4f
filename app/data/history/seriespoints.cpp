#include "data/history/seriespoints.h"

#include "core/series/monitorseries.h"
#include "core/series/serieskey.h"
#include "data/history/varint.h"

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace bs {

namespace {

constexpr char FormatV1 = 1;
enum Kind : quint64 { NonNegative = 0, Negative = 1, Double = 2, NotANumber = 3 };
// Integers up to 2^53 survive the trip through double exactly; larger ones are stored as doubles.
constexpr double MaxExactInteger = 9007199254740992.0;

} // namespace

QList<SeriesPoints::Point> SeriesPoints::fromSample(const MonitorSample &sample)
{
    // The series class itself decides which keys a sample feeds, so stored rows follow it exactly.
    MonitorSeries one;
    one.append(sample);
    // "endpoints.census" repeats "endpoints.total" at census samples: SeriesBuilder derives it
    // from the row (a row with endpoint states is a census) instead of storing it twice.
    static const QString census = SeriesKey::endpointsCensus().toString();
    QList<Point> points;
    for (const QString &key : one.keys()) {
        if (key == census)
            continue;
        const TimeSeries &ts = one.series(key);
        // A key whose only value was NaN exists with no points: its put was a gap value.
        if (ts.isEmpty()) {
            points.append({key, TimeSeries::Gap});
            continue;
        }
        for (const double v : ts.values())
            points.append({key, v});
    }
    return points;
}

QByteArray SeriesPoints::encode(const std::vector<IdPoint> &points)
{
    QByteArray out;
    out.reserve(qsizetype(1 + points.size() * 4));
    out.append(FormatV1);
    for (const IdPoint &p : points) {
        const quint64 id = quint64(p.id) << 2;
        const double v = p.value;
        if (std::isnan(v)) {
            putVarint(out, id | NotANumber);
        } else if (v == std::trunc(v) && std::fabs(v) <= MaxExactInteger && !(v == 0 && std::signbit(v))) {
            putVarint(out, id | (v < 0 ? Negative : NonNegative));
            putVarint(out, quint64(std::fabs(v)));
        } else {
            putVarint(out, id | Double);
            quint64 bits = 0;
            std::memcpy(&bits, &v, sizeof bits);
            char le[8];
            qToLittleEndian(bits, le);
            out.append(le, 8);
        }
    }
    return out;
}

bool SeriesPoints::decode(const QByteArray &bytes, std::vector<IdPoint> *out)
{
    if (bytes.isEmpty() || bytes.front() != FormatV1)
        return false;
    const char *p = bytes.constData() + 1;
    const char *end = bytes.constData() + bytes.size();
    while (p < end) {
        quint64 head = 0;
        if (!getVarint(p, end, &head) || (head >> 2) > quint64(std::numeric_limits<int>::max()))
            return false;
        IdPoint point;
        point.id = int(head >> 2);
        switch (head & 3) {
        case NonNegative:
        case Negative: {
            quint64 magnitude = 0;
            if (!getVarint(p, end, &magnitude))
                return false;
            point.value = (head & 3) == Negative ? -double(magnitude) : double(magnitude);
            break;
        }
        case Double: {
            if (end - p < 8)
                return false;
            const quint64 bits = qFromLittleEndian<quint64>(p);
            std::memcpy(&point.value, &bits, sizeof bits);
            p += 8;
            break;
        }
        default:
            point.value = TimeSeries::Gap;
            break;
        }
        out->push_back(point);
    }
    return true;
}

} // namespace bs

#include "data/history/columncodec.h"
#include "data/history/historyblock.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace bs;

namespace {

quint64 bitsOf(double v)
{
    quint64 b = 0;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

// Empty when `actual` has exactly the bits of `expected`, else the first difference.
QString bitDifference(const std::vector<double> &actual, const std::vector<double> &expected)
{
    if (actual.size() != expected.size())
        return QStringLiteral("%1 values != %2").arg(actual.size()).arg(expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        if (bitsOf(actual[i]) != bitsOf(expected[i]))
            return QStringLiteral("[%1]: %2 != %3").arg(i).arg(actual[i], 0, 'g', 17).arg(expected[i], 0, 'g', 17);
    }
    return QString();
}

std::vector<double> roundTrip(const std::vector<double> &values, qsizetype *bytes = nullptr)
{
    const QByteArray encoded = ColumnCodec::encodeDoubles(values);
    if (bytes)
        *bytes = encoded.size();
    std::vector<double> back;
    if (!ColumnCodec::decodeDoubles(encoded, values.size(), &back))
        back.clear();
    return back;
}

constexpr double Nan = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

} // namespace

/// The history's column codec and block format: bit-exact round trips on edge values and random
/// data, the sizes that make the history small, and damage detected instead of decoded.
class TestHistoryCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doublesRoundTrip_data();
    void doublesRoundTrip();
    void randomDoublesRoundTrip_data();
    void randomDoublesRoundTrip();
    void integersRoundTrip_data();
    void integersRoundTrip();
    void compactForTypicalSeries_data();
    void compactForTypicalSeries();
    void truncatedColumnIsRefused();
    void blockRoundTrip();
    void blockSkipsUnwantedSeries();
    void damagedBlockIsRefused_data();
    void damagedBlockIsRefused();
};

void TestHistoryCodec::doublesRoundTrip_data()
{
    QTest::addColumn<std::vector<double>>("values");
    QTest::newRow("one value") << std::vector<double>{42};
    QTest::newRow("constant") << std::vector<double>(500, 7.0);
    QTest::newRow("counter") << std::vector<double>{100, 200, 300, 400, 500, 600};
    QTest::newRow("counter reset") << std::vector<double>{1000, 1100, 1200, 3, 103, 203, 0, 0, 5};
    QTest::newRow("negative deltas") << std::vector<double>{50, 40, -10, -1e6, 3, -3};
    QTest::newRow("2^53 and its neighbours") << std::vector<double>{9007199254740992.0, -9007199254740992.0, 0, 9007199254740991.0};
    QTest::newRow("beyond 2^53") << std::vector<double>{1, 36028797018963968.0 * 4, 2, 1e300, -1e300};
    QTest::newRow("NaN gaps") << std::vector<double>{1, Nan, 2, Nan, Nan, 3};
    QTest::newRow("NaN with payload") << std::vector<double>{std::nan("123"), 1, std::nan("7")};
    QTest::newRow("only NaN") << std::vector<double>{Nan, Nan, Nan};
    QTest::newRow("infinities") << std::vector<double>{Inf, -Inf, 0, Inf};
    QTest::newRow("negative zero") << std::vector<double>{0.0, -0.0, 0.0, -0.0};
    QTest::newRow("fractions") << std::vector<double>{0.1, 0.2, 0.30000000000000004, -2.5, 12.5, 1e-300};
    QTest::newRow("denormals and extremes")
        << std::vector<double>{std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(),
                               std::numeric_limits<double>::lowest(), std::numeric_limits<double>::min()};
    QTest::newRow("int64 edges as doubles") << std::vector<double>{-9223372036854775808.0, 9223372036854775807.0, 0};
}

void TestHistoryCodec::doublesRoundTrip()
{
    QFETCH(std::vector<double>, values);
    QCOMPARE(bitDifference(roundTrip(values), values), QString());
}

void TestHistoryCodec::randomDoublesRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 2u, 3u, 4u, 5u}) {
        QTest::addRow("random walk %u", seed) << 0 << seed;
        QTest::addRow("any bits %u", seed) << 1 << seed;
        QTest::addRow("mixed %u", seed) << 2 << seed;
        QTest::addRow("big integers %u", seed) << 3 << seed;
    }
}

void TestHistoryCodec::randomDoublesRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    const int n = 1 + rng.bounded(2000);
    std::vector<double> values;
    double walk = 0;
    for (int i = 0; i < n; ++i) {
        switch (kind) {
        case 0:
            walk += rng.bounded(201) - 100;
            values.push_back(walk);
            break;
        case 1: {
            const quint64 bits = rng.generate64();
            double v = 0;
            std::memcpy(&v, &bits, sizeof v);
            values.push_back(v);
            break;
        }
        case 2: {
            const int pick = rng.bounded(6);
            values.push_back(pick == 0 ? Nan : pick == 1 ? rng.generateDouble() * 1e6 : pick == 2 ? -0.0 : double(rng.bounded(1000)));
            break;
        }
        default:
            values.push_back(double(qint64(rng.generate64() >> 11) - (qint64(1) << 52)));
            break;
        }
    }
    QCOMPARE(bitDifference(roundTrip(values), values), QString());
}

void TestHistoryCodec::integersRoundTrip_data()
{
    QTest::addColumn<std::vector<qint64>>("values");
    QTest::newRow("5 s times with jitter") << std::vector<qint64>{1700000000000, 1700000005003, 1700000010001, 1700000015000, 1700000020017};
    QTest::newRow("constant") << std::vector<qint64>(10, -4);
    QTest::newRow("int64 extremes") << std::vector<qint64>{std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), 0,
                                                           std::numeric_limits<qint64>::min(), -1};
    QRandomGenerator rng(99);
    std::vector<qint64> random;
    for (int i = 0; i < 3000; ++i)
        random.push_back(qint64(rng.generate64()));
    QTest::newRow("random 64-bit") << random;
}

void TestHistoryCodec::integersRoundTrip()
{
    QFETCH(std::vector<qint64>, values);
    const QByteArray bytes = ColumnCodec::encodeIntegers(values);
    std::vector<qint64> back;
    QVERIFY(ColumnCodec::decodeIntegers(bytes, values.size(), &back));
    QCOMPARE(back, values);
}

// What the history's size rests on: regular series cost bits, not bytes, per value.
void TestHistoryCodec::compactForTypicalSeries_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("maxBytes"); // for 720 values (an hour at 5 s)
    QTest::newRow("constant gauge") << 0 << 9;
    QTest::newRow("steady counter (delta-of-delta 0)") << 1 << 120;
    QTest::newRow("slow random walk, steps of ±3") << 2 << 300;
    QTest::newRow("fractional rate repeating") << 3 << 100;
}

void TestHistoryCodec::compactForTypicalSeries()
{
    QFETCH(int, kind);
    QFETCH(int, maxBytes);
    QRandomGenerator rng(4);
    std::vector<double> values;
    double walk = 1000;
    for (int i = 0; i < 720; ++i) {
        walk += rng.bounded(7) - 3;
        values.push_back(kind == 0 ? 12 : kind == 1 ? 1e9 + 250.0 * i : kind == 2 ? walk : 12.5);
    }
    qsizetype bytes = 0;
    QCOMPARE(bitDifference(roundTrip(values, &bytes), values), QString());
    QVERIFY2(bytes <= maxBytes, qPrintable(QStringLiteral("%1 bytes").arg(bytes)));
}

void TestHistoryCodec::truncatedColumnIsRefused()
{
    std::vector<double> values;
    for (int i = 0; i < 100; ++i)
        values.push_back(i * 0.37);
    QByteArray bytes = ColumnCodec::encodeDoubles(values);
    bytes.chop(3);
    std::vector<double> back;
    QVERIFY(!ColumnCodec::decodeDoubles(bytes, values.size(), &back));
    QVERIFY(!ColumnCodec::decodeDoubles(QByteArray("\x07", 1), 1, &back)); // an unknown mode
}

namespace {

std::vector<HistoryBlock::Row> sampleRows()
{
    std::vector<HistoryBlock::Row> rows;
    for (int i = 0; i < 50; ++i) {
        HistoryBlock::Row r;
        r.timeMs = 1700000000000 + i * 5000 + (i % 3);
        r.gap = i % 17 == 16;
        if (!r.gap) {
            r.points.push_back({1, double(100 + i)});
            if (i % 4 != 0)
                r.points.push_back({7, i * 0.25});
            if (i % 9 == 0) {
                r.points.push_back({3, double(-i)});
                r.points.push_back({3, Nan}); // the same key twice in one sample
            }
        }
        rows.push_back(r);
    }
    return rows;
}

} // namespace

void TestHistoryCodec::blockRoundTrip()
{
    const std::vector<HistoryBlock::Row> rows = sampleRows();
    QString error;
    const auto block = HistoryBlock::decode(HistoryBlock::encode(rows), nullptr, &error);
    QVERIFY2(block, qPrintable(error));
    const std::vector<HistoryBlock::Row> back = block->rows();
    QCOMPARE(back.size(), rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        QCOMPARE(back[r].timeMs, rows[r].timeMs);
        QCOMPARE(back[r].gap, rows[r].gap);
        // Grouped by series in the block: compare per series, in order.
        for (const int id : {1, 3, 7}) {
            std::vector<double> expected, actual;
            for (const auto &p : rows[r].points)
                if (p.id == id)
                    expected.push_back(p.value);
            for (const auto &p : back[r].points)
                if (p.id == id)
                    actual.push_back(p.value);
            QCOMPARE(bitDifference(actual, expected), QString());
        }
    }
    const auto empty = HistoryBlock::decode(HistoryBlock::encode({}));
    QVERIFY(empty);
    QCOMPARE(empty->rowCount(), 0);
}

void TestHistoryCodec::blockSkipsUnwantedSeries()
{
    const QSet<int> only{7};
    const auto block = HistoryBlock::decode(HistoryBlock::encode(sampleRows()), &only);
    QVERIFY(block);
    std::vector<SeriesPoints::IdPoint> points;
    for (qsizetype r = 0; r < block->rowCount(); ++r)
        block->pointsAt(r, &points);
    QVERIFY(!points.empty());
    for (const auto &p : points)
        QCOMPARE(p.id, 7);
}

void TestHistoryCodec::damagedBlockIsRefused_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("one bit flipped") << 0;
    QTest::newRow("truncated") << 1;
    QTest::newRow("empty") << 2;
}

void TestHistoryCodec::damagedBlockIsRefused()
{
    QFETCH(int, damage);
    QByteArray bytes = HistoryBlock::encode(sampleRows());
    if (damage == 0)
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x10);
    else if (damage == 1)
        bytes.chop(bytes.size() / 3);
    else if (damage == 2)
        bytes.clear();
    QString error;
    QVERIFY(!HistoryBlock::decode(bytes, nullptr, &error));
    QVERIFY(!error.isEmpty());
    if (damage != 2)
        QVERIFY2(error.contains(QLatin1String("checksum")), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestHistoryCodec)
#include "tst_historycodec.moc"

#include "core/series/chartticks.h"

#include <QDateTime>
#include <QTest>

using namespace bs;

namespace {
QString labels(const QList<ChartTicks::Tick> &ticks)
{
    QStringList out;
    for (const ChartTicks::Tick &t : ticks)
        out.append(t.label);
    return out.join(QLatin1Char(' '));
}

qint64 utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}
} // namespace

class TestChartTicks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeTicks_data();
    void timeTicks();
    void timeTicksInAnotherZone();
    void timeTicksStayInRangeAndBounded_data();
    void timeTicksStayInRangeAndBounded();
    void timeTicksStableWhilePanning();
    void valueTicks_data();
    void valueTicks();
    void valueTicksUseGroupSeparators();
};

void TestChartTicks::timeTicks_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<QString>("expected");

    // Odd start times still give round clock values.
    QTest::newRow("5 min, 30 s steps") << "2026-11-22T10:02:44Z" << "2026-11-22T10:07:44Z" << 10
                                       << "10:03:00 10:03:30 10:04:00 10:04:30 10:05:00 10:05:30 10:06:00 10:06:30 10:07:00 10:07:30";
    QTest::newRow("1 h, 10 min steps") << "2026-11-22T09:58:01Z" << "2026-11-22T10:58:01Z" << 8
                                       << "10:00 10:10 10:20 10:30 10:40 10:50";
    // Crossing midnight: the midnight tick carries the date instead of the clock.
    QTest::newRow("24 h, 3 h steps") << "2026-11-21T13:10:00Z" << "2026-11-22T13:10:00Z" << 8
                                     << "15:00 18:00 21:00 Nov 22 03:00 06:00 09:00 12:00";
    QTest::newRow("7 days, daily") << "2026-11-15T13:10:00Z" << "2026-11-22T13:10:00Z" << 10
                                   << "Nov 16 Nov 17 Nov 18 Nov 19 Nov 20 Nov 21 Nov 22";
    QTest::newRow("7 days, few pixels: 2 days") << "2026-11-15T13:10:00Z" << "2026-11-22T13:10:00Z" << 4
                                                << "Nov 17 Nov 19 Nov 21";
    QTest::newRow("empty range") << "2026-11-22T10:00:00Z" << "2026-11-22T10:00:00Z" << 8 << "";
}

void TestChartTicks::timeTicks()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, maxTicks);
    QFETCH(QString, expected);
    QCOMPARE(labels(ChartTicks::timeTicks(utc(from), utc(to), maxTicks, QTimeZone::utc())), expected);
}

void TestChartTicks::timeTicksInAnotherZone()
{
    // Ticks are round in the DBA's local time, not in UTC: UTC+05:30 puts 10:00 local at 04:30Z.
    const QTimeZone india(5 * 3600 + 1800);
    const auto ticks = ChartTicks::timeTicks(utc(QStringLiteral("2026-11-22T04:00:00Z")),
                                             utc(QStringLiteral("2026-11-22T06:00:00Z")), 4, india);
    QCOMPARE(labels(ticks), QStringLiteral("09:30 10:00 10:30 11:00 11:30"));
    QCOMPARE(qint64(ticks.at(1).value), utc(QStringLiteral("2026-11-22T04:30:00Z")));
}

void TestChartTicks::timeTicksStayInRangeAndBounded_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<int>("maxTicks");
    for (qint64 span : {10'000LL, 299'000LL, 3'600'000LL, 86'400'000LL, 7 * 86'400'000LL, 400 * 86'400'000LL}) {
        for (int maxTicks : {2, 7, 17})
            QTest::addRow("%lld ms / %d", static_cast<long long>(span), maxTicks) << span << maxTicks;
    }
}

void TestChartTicks::timeTicksStayInRangeAndBounded()
{
    QFETCH(qint64, spanMs);
    QFETCH(int, maxTicks);
    const qint64 from = utc(QStringLiteral("2026-03-28T23:17:13Z"));
    const auto ticks = ChartTicks::timeTicks(from, from + spanMs, maxTicks, QTimeZone::utc());
    QVERIFY(!ticks.isEmpty());
    QVERIFY2(ticks.size() <= maxTicks + 1, qPrintable(labels(ticks)));
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        QVERIFY(ticks[i].value >= double(from) && ticks[i].value <= double(from + spanMs));
        if (i > 0)
            QVERIFY(ticks[i].value > ticks[i - 1].value);
    }
}

void TestChartTicks::timeTicksStableWhilePanning()
{
    // Panning by less than a step must not move the ticks that stay in view (no jumping labels).
    const qint64 from = utc(QStringLiteral("2026-11-10T13:10:00Z"));
    for (qint64 span : {300'000LL, 86'400'000LL, 7 * 86'400'000LL}) {
        const auto a = ChartTicks::timeTicks(from, from + span, 6, QTimeZone::utc());
        const auto b = ChartTicks::timeTicks(from + span / 50, from + span + span / 50, 6, QTimeZone::utc());
        QVERIFY(a.size() >= 2);
        QCOMPARE(b.first(), a.at(a.first().value < double(from + span / 50) ? 1 : 0));
    }
}

void TestChartTicks::valueTicks_data()
{
    QTest::addColumn<double>("max");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing yet") << 0.0 << 5 << "0 1";
    QTest::newRow("a few") << 3.0 << 5 << "0 1 2 3 4";
    QTest::newRow("headroom above 4") << 4.0 << 5 << "0 1 2 3 4 5";
    QTest::newRow("twenties") << 37.0 << 4 << "0 10 20 30 40";
    QTest::newRow("leak size") << 6150.0 << 5 << "0 2000 4000 6000 8000";
    QTest::newRow("not a number") << qQNaN() << 5 << "0 1";
}

void TestChartTicks::valueTicks()
{
    QFETCH(double, max);
    QFETCH(int, maxTicks);
    QFETCH(QString, expected);
    const auto ticks = ChartTicks::valueTicks(max, maxTicks, QLocale::c());
    QCOMPARE(labels(ticks).remove(QLatin1Char(',')), expected);
    QVERIFY(ticks.size() <= maxTicks + 2);
    if (std::isfinite(max))
        QVERIFY(ticks.last().value >= max);
}

void TestChartTicks::valueTicksUseGroupSeparators()
{
    // Leaks reach millions of endpoints: the scale must be readable at a glance.
    const auto ticks = ChartTicks::valueTicks(2'800'000, 3, QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(labels(ticks), QStringLiteral("0 1,000,000 2,000,000 3,000,000"));
}

QTEST_GUILESS_MAIN(TestChartTicks)
#include "tst_chartticks.moc"

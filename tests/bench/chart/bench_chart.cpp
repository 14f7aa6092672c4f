#include "core/series/downsampler.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bs;

namespace {
constexpr int SeriesCount = 7;
constexpr qint64 Points = 604800; // 7 days at one sample a second
constexpr int Pixels = 1920;
constexpr qint64 T0 = 1700000000000;
} // namespace

/// Data half of bench_chart: how long min/max-per-pixel downsampling takes for a full chart.
class BenchChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void downsampleSevenDays();
    void downsampleLastDay();
    void downsampleLastHour();

private:
    void run(qint64 from, qint64 to);
    std::vector<TimeSeries> m_series;
};

void BenchChart::initTestCase()
{
    QRandomGenerator rng(2026);
    m_series.resize(SeriesCount);
    for (int s = 0; s < SeriesCount; ++s) {
        TimeSeries &ts = m_series[size_t(s)];
        ts.reserve(Points + 64);
        double v = 1000.0 * (s + 1);
        for (qint64 i = 0; i < Points; ++i) {
            // A lost connection now and then: a gap of a minute, every ~8 hours.
            if (i % 28800 == 28799) {
                ts.appendGap(T0 + i * 1000);
                i += 60;
                continue;
            }
            v = std::max(0.0, v + rng.bounded(21) - 10);
            ts.append(T0 + i * 1000, v);
        }
    }
}

void BenchChart::run(qint64 from, qint64 to)
{
    qsizetype total = 0;
    QBENCHMARK {
        total = 0;
        for (const TimeSeries &ts : m_series)
            total += Downsampler::minMax(ts, from, to, Pixels).size();
    }
    QVERIFY(total <= qsizetype(SeriesCount) * (Pixels * Downsampler::MaxPointsPerBucket + 2));
    qInfo("points out: %lld for %d series", static_cast<long long>(total), SeriesCount);
}

void BenchChart::downsampleSevenDays()
{
    run(T0, T0 + Points * 1000);
}

void BenchChart::downsampleLastDay()
{
    run(T0 + (Points - 86400) * 1000, T0 + Points * 1000);
}

void BenchChart::downsampleLastHour()
{
    run(T0 + (Points - 3600) * 1000, T0 + Points * 1000);
}

QTEST_APPLESS_MAIN(BenchChart)
#include "bench_chart.moc"

#include "core/series/downsampler.h"
#include "ui/monitor/timechartwidget.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QImage>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QTest>
#include <QValueAxis>

using namespace bs;

namespace {
constexpr int SeriesCount = 7;
constexpr qint64 Points = 604800; // 7 days at one sample a second
constexpr int Pixels = 1920;
constexpr int Height = 600;
constexpr qint64 T0 = 1700000000000;
} // namespace

/// Render half of bench_chart: one frame of the monitor's chart (downsample 7 series of
/// 604,800 points to the 1,920-pixel plot width, hand them to TimeChartWidget, render the widget
/// to a QImage) against plain Qt Charts holding every point, in the same run.
class BenchChartRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void downsampleAndRedraw();
    void downsampleOnly();
    void renderOnly();
    void plainQtChartsRender();
    void plainQtChartsReplaceAndRender();

private:
    std::vector<TimeSeries> m_series;
};

void BenchChartRender::initTestCase()
{
    QRandomGenerator rng(2026);
    m_series.resize(SeriesCount);
    for (int s = 0; s < SeriesCount; ++s) {
        TimeSeries &ts = m_series[size_t(s)];
        ts.reserve(Points + 64);
        double v = 1000.0 * (s + 1);
        for (qint64 i = 0; i < Points; ++i) {
            v = std::max(0.0, v + rng.bounded(21) - 10);
            ts.append(T0 + i * 1000, v);
        }
    }
}

void BenchChartRender::downsampleAndRedraw()
{
    TimeChartWidget chart(QStringLiteral("Conversation endpoints"));
    chart.resize(Pixels + 80, Height);
    chart.show();
    QCoreApplication::processEvents();
    // Widen the widget until the plot area itself is 1,920 pixels.
    chart.resize(chart.width() + (Pixels - chart.plotWidth()), Height);
    QCoreApplication::processEvents();
    QCOMPARE(chart.plotWidth(), Pixels);
    // Hidden once laid out, so a frame is painted once (into `image`), not also into the
    // offscreen window's backing store; the same for plain Qt Charts below.
    chart.hide();
    const qint64 from = T0;
    const qint64 to = T0 + (Points - 1) * 1000;
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    qsizetype drawn = 0;
    QList<const TimeSeries *> inputs;
    for (const TimeSeries &ts : m_series)
        inputs.append(&ts);
    QBENCHMARK {
        // As MonitorChartsView::redrawNow does: all lines of the chart downsampled at once.
        const auto reduced = Downsampler::minMaxEach(inputs, from, to, chart.plotWidth());
        QList<ChartLine> lines;
        for (int s = 0; s < SeriesCount; ++s) {
            lines.append(ChartLine{QStringLiteral("s%1").arg(s), QStringLiteral("Series %1").arg(s), QString(),
                                   QColor::fromHsv(s * 50, 200, 200), Qt::SolidLine, false, reduced[s]});
        }
        chart.setTimeRange(from, to);
        chart.setLines(lines);
        QCoreApplication::processEvents();
        image.fill(Qt::white);
        chart.render(&image);
        drawn = 0;
        for (int s = 0; s < SeriesCount; ++s)
            drawn += chart.drawnPointCount(QStringLiteral("s%1").arg(s));
    }
    QVERIFY(drawn > 0);
    QVERIFY(drawn <= qsizetype(SeriesCount) * (Pixels * Downsampler::MaxPointsPerBucket + 2));
    qInfo("points drawn: %lld", static_cast<long long>(drawn));
}

void BenchChartRender::downsampleOnly()
{
    const qint64 from = T0;
    const qint64 to = T0 + (Points - 1) * 1000;
    qsizetype n = 0;
    QBENCHMARK {
        n = 0;
        for (int s = 0; s < SeriesCount; ++s)
            n += Downsampler::minMax(m_series[size_t(s)], from, to, Pixels).size();
    }
    QVERIFY(n > 0);
}

void BenchChartRender::renderOnly()
{
    TimeChartWidget chart(QStringLiteral("Conversation endpoints"));
    chart.resize(Pixels + 80, Height);
    chart.show();
    QCoreApplication::processEvents();
    chart.resize(chart.width() + (Pixels - chart.plotWidth()), Height);
    QCoreApplication::processEvents();
    chart.hide();
    const qint64 from = T0;
    const qint64 to = T0 + (Points - 1) * 1000;
    QList<ChartLine> lines;
    for (int s = 0; s < SeriesCount; ++s) {
        lines.append(ChartLine{QStringLiteral("s%1").arg(s), QStringLiteral("Series %1").arg(s), QString(),
                               QColor::fromHsv(s * 50, 200, 200), Qt::SolidLine, false,
                               Downsampler::minMax(m_series[size_t(s)], from, to, chart.plotWidth())});
    }
    chart.setTimeRange(from, to);
    chart.setLines(lines);
    QCoreApplication::processEvents();
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
        image.fill(Qt::white);
        chart.render(&image);
    }
    QVERIFY(chart.drawnPointCount(QStringLiteral("s0")) > 0);
}

namespace {
struct PlainChart
{
    QChartView view;
    QChart *chart = new QChart;
    QList<QLineSeries *> series;
    QList<QList<QPointF>> points;

    explicit PlainChart(const std::vector<TimeSeries> &data)
    {
        chart->legend()->hide();
        chart->setAnimationOptions(QChart::NoAnimation);
        auto *x = new QDateTimeAxis;
        auto *y = new QValueAxis;
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        double hi = 0;
        for (const TimeSeries &ts : data) {
            QList<QPointF> pts;
            pts.reserve(ts.size());
            for (qsizetype i = 0; i < ts.size(); ++i) {
                pts.append(QPointF(double(ts.timeAt(i)), ts.valueAt(i)));
                hi = std::max(hi, ts.valueAt(i));
            }
            auto *s = new QLineSeries;
            s->replace(pts);
            chart->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
            series.append(s);
            points.append(pts);
        }
        x->setRange(QDateTime::fromMSecsSinceEpoch(data.front().firstTime()),
                    QDateTime::fromMSecsSinceEpoch(data.front().lastTime()));
        y->setRange(0, hi);
        view.setChart(chart);
        view.setRenderHint(QPainter::Antialiasing);
        view.resize(Pixels + 80, Height);
        view.show();
        QCoreApplication::processEvents();
        view.hide();
    }
};
} // namespace

void BenchChartRender::plainQtChartsRender()
{
    PlainChart plain(m_series);
    QImage image(plain.view.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
        image.fill(Qt::white);
        plain.view.QWidget::render(&image);
    }
    QCOMPARE(plain.series.first()->count(), int(Points));
}

void BenchChartRender::plainQtChartsReplaceAndRender()
{
    PlainChart plain(m_series);
    QImage image(plain.view.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
        for (qsizetype s = 0; s < plain.series.size(); ++s)
            plain.series[s]->replace(plain.points[s]);
        QCoreApplication::processEvents();
        image.fill(Qt::white);
        plain.view.QWidget::render(&image);
    }
    QCOMPARE(plain.series.first()->count(), int(Points));
}

QTEST_MAIN(BenchChartRender)
#include "bench_chart_render.moc"

#include "ui/monitor/plotlayer.h"

#include <QDir>
#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QPicture>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace bs;

namespace {
constexpr qint64 T0 = 1'795'000'020'000;
constexpr int Columns = 1223; // the population plot of the monitor tab at 1,920 px
const QRectF Area(40, 10, Columns, 200);

/// Two points per pixel column over the whole plot (what Downsampler::minMax hands over for a
/// week); `gapEvery` > 0 breaks the line after every that many points (the breakdown lines
/// between censuses: lone points and short runs).
ChartLine denseLine(const QString &shape, Qt::PenStyle style, int gapEvery)
{
    ChartLine line;
    line.key = shape;
    line.color = QColor(220, 20, 20);
    line.style = style;
    QRandomGenerator rng(7);
    const int points = 2 * Columns;
    for (int i = 0; i < points; ++i) {
        const qint64 t = T0 + qint64(i) * 1000;
        if (gapEvery > 0 && i % (gapEvery + 1) == gapEvery) {
            line.points.append(SeriesPoint{t, qQNaN()});
            continue;
        }
        const double v = shape == QLatin1String("random") ? rng.bounded(5000.0) : 1000.0 + 3.0 * i + rng.bounded(40.0);
        line.points.append(SeriesPoint{t, v});
    }
    return line;
}

QImage blank()
{
    QImage image(int(Area.right()) + 20, int(Area.bottom()) + 20, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return image;
}

/// Whether the pixel (x, y) of `image` or one of its 8 neighbours is not white.
bool inkNear(const QImage &image, int x, int y)
{
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            const QPoint p(x + dx, y + dy);
            if (image.rect().contains(p) && image.pixel(p) != qRgb(255, 255, 255))
                return true;
        }
    }
    return false;
}

/// Ink in `a` with no ink in `b` within a pixel.
int strayPixels(const QImage &a, const QImage &b)
{
    int stray = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (a.pixel(x, y) != qRgb(255, 255, 255) && !inkNear(b, x, y))
                ++stray;
        }
    }
    return stray;
}
} // namespace

/// PlotLayer draws dense data on pixels by filling column spans and stamping dots (a tenth of
/// the cost of stroking polylines and filling ellipses, docs/performance.md); on a vector device
/// (SVG, PDF, QPicture) it keeps polylines and ellipses. Both must show the same line.
class TestPlotLayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columnSpans();
    void denseLinesLookAsStroked_data();
    void denseLinesLookAsStroked();
};

void TestPlotLayer::columnSpans()
{
    QList<QRect> spans;
    // Within one column: one span from the highest to the lowest row, 2 wide, a row taller.
    PlotLayer::columnSpans(QPolygonF({QPointF(10.2, 5.5), QPointF(10.7, 20.3)}), spans);
    QCOMPARE(spans, QList<QRect>({QRect(10, 5, 2, 17)}));
    // Across three columns: the part of the segment in each.
    spans.clear();
    PlotLayer::columnSpans(QPolygonF({QPointF(10.0, 0.0), QPointF(13.0, 30.0)}), spans);
    QCOMPARE(spans, QList<QRect>({QRect(10, 0, 2, 12), QRect(11, 10, 2, 12), QRect(12, 20, 2, 12), QRect(13, 30, 2, 2)}));
    // Points of one column merge into one span.
    spans.clear();
    PlotLayer::columnSpans(QPolygonF({QPointF(3.1, 9), QPointF(3.5, 2), QPointF(3.9, 4)}), spans);
    QCOMPARE(spans, QList<QRect>({QRect(3, 2, 2, 9)}));
    // Appended: a lone point after them.
    PlotLayer::columnSpans(QPolygonF({QPointF(3.5, 7.5)}), spans);
    QCOMPARE(spans, QList<QRect>({QRect(3, 2, 2, 9), QRect(3, 7, 2, 2)}));
}

void TestPlotLayer::denseLinesLookAsStroked_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<int>("style");
    QTest::addColumn<int>("gapEvery");
    QTest::newRow("random queue depths") << QStringLiteral("random") << int(Qt::SolidLine) << 0;
    QTest::newRow("growing leak") << QStringLiteral("ramp") << int(Qt::SolidLine) << 0;
    QTest::newRow("breakdown between censuses") << QStringLiteral("ramp") << int(Qt::SolidLine) << 1;
    QTest::newRow("random breakdown, runs of two") << QStringLiteral("random") << int(Qt::SolidLine) << 2;
    QTest::newRow("dashed breakdown") << QStringLiteral("ramp") << int(Qt::DashLine) << 1;
    QTest::newRow("dashed, long runs") << QStringLiteral("random") << int(Qt::DashLine) << 0;
}

void TestPlotLayer::denseLinesLookAsStroked()
{
    QFETCH(QString, shape);
    QFETCH(int, style);
    QFETCH(int, gapEvery);
    PlotLayer layer;
    layer.setPlotArea(Area);
    layer.setRanges(T0, T0 + 2 * Columns * 1000, 5000 + 3 * 2 * Columns + 100);
    layer.setLines({denseLine(shape, Qt::PenStyle(style), gapEvery)}, {});

    QImage pixels = blank();
    {
        QPainter p(&pixels);
        QCOMPARE(p.paintEngine()->type(), QPaintEngine::Raster);
        layer.paint(&p, nullptr, nullptr);
    }
    // The same through a vector device: polylines and ellipses, replayed onto pixels.
    QPicture picture;
    {
        QPainter p(&picture);
        layer.paint(&p, nullptr, nullptr);
    }
    QImage stroked = blank();
    {
        QPainter p(&stroked);
        p.drawPicture(0, 0, picture);
    }
    const QString name = QString::fromUtf8(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    pixels.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(QStringLiteral("plotlayer-%1-pixels.png").arg(name)));
    stroked.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(QStringLiteral("plotlayer-%1-stroked.png").arg(name)));

    // Per drawing: its ink, and per pixel column the mean row of its ink.
    const auto measure = [](const QImage &image, int *ink, QList<double> *meanRow) {
        *ink = 0;
        meanRow->fill(-1, image.width());
        for (int x = 0; x < image.width(); ++x) {
            int n = 0;
            double rows = 0;
            for (int y = 0; y < image.height(); ++y) {
                if (image.pixel(x, y) != qRgb(255, 255, 255)) {
                    ++n;
                    rows += y;
                }
            }
            *ink += n;
            if (n > 0)
                (*meanRow)[x] = rows / n;
        }
    };
    int strokedInk = 0;
    int filledInk = 0;
    QList<double> strokedRows;
    QList<double> filledRows;
    measure(stroked, &strokedInk, &strokedRows);
    measure(pixels, &filledInk, &filledRows);
    QVERIFY2(strokedInk > Columns, qPrintable(QString::number(strokedInk)));
    double shift = 0;
    int columns = 0;
    int columnsMissing = 0;
    for (int x = 0; x < stroked.width(); ++x) {
        if ((strokedRows[x] < 0) != (filledRows[x] < 0))
            ++columnsMissing;
        else if (strokedRows[x] >= 0) {
            shift += std::abs(strokedRows[x] - filledRows[x]);
            ++columns;
        }
    }
    shift /= std::max(columns, 1);
    // The same line to the eye: about as much ink (as thick; a span is a row taller than a
    // stroke), in the same columns, within a pixel of the same height on average, and next to
    // nothing more than a pixel from the other drawing (where the stroker rounds a steep segment
    // into the neighbouring column, the spans split it at the column border).
    const int missing = strayPixels(stroked, pixels);
    const int extra = strayPixels(pixels, stroked);
    const QString counts = QStringLiteral("ink %1 stroked, %2 filled; %3 columns inked in one only; mean height difference %4 px; "
                                          "%5 stroked pixels without a filled one within a pixel, %6 the other way")
                               .arg(strokedInk)
                               .arg(filledInk)
                               .arg(columnsMissing)
                               .arg(shift, 0, 'f', 2)
                               .arg(missing)
                               .arg(extra);
    QVERIFY2(std::abs(filledInk - strokedInk) * 10 <= strokedInk * 3, qPrintable(counts));
    QVERIFY2(columnsMissing <= 2, qPrintable(counts));
    QVERIFY2(shift <= 1.0, qPrintable(counts));
    QVERIFY2((missing + extra) * 1000 <= strokedInk, qPrintable(counts));
}

QTEST_MAIN(TestPlotLayer)
#include "tst_plotlayer.moc"

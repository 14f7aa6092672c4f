#include "ui/monitor/timechartwidget.h"

#include <QApplication>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

using namespace bs;

namespace {
const QColor Red(220, 20, 20);
const QColor Blue(20, 20, 220);
constexpr qint64 T0 = 1'795'000'020'000; // 2026-11-18 11:07:00 UTC, a round minute in every zone

// A flat line at `value` from T0 to T0 + 100 s with a gap from 50 s to 70 s.
ChartLine line(const QString &key, const QColor &color, double value, bool withGap)
{
    ChartLine l;
    l.key = key;
    l.label = key;
    l.color = color;
    for (qint64 s = 0; s <= 100; s += 5) {
        if (withGap && s > 50 && s < 70) {
            if (s == 55)
                l.points.append(SeriesPoint{T0 + s * 1000, qQNaN()});
            continue;
        }
        l.points.append(SeriesPoint{T0 + s * 1000, value});
    }
    return l;
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 90;
}

/// Rows in a pixel column of the plot area painted in (roughly) `color`.
QList<int> rowsOf(const QImage &image, const QRect &plot, int x, const QColor &color)
{
    QList<int> rows;
    for (int y = plot.top(); y <= plot.bottom(); ++y) {
        if (near(image.pixelColor(x, y), color))
            rows.append(y);
    }
    return rows;
}
} // namespace

class TestTimeChartWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void drawsLinesWhereTheAxesSay();
    void gapIsDrawnAsGap();
    void legendTogglesLine();
    void axesUseRoundValues();
    void wheelZoomsAroundTheCursor();
    void dragSelectsTimeSpan();
    void shiftDragPans();
    void legendWrapsInsteadOfHiding();
    void chartsAlignTheirPlots();
    void largeValueLabelsAreNotClipped_data();
    void largeValueLabelsAreNotClipped();
    void markersWhereTheyAreSparse();

private:
    QImage grab() const;
    TimeChartWidget *m_chart = nullptr;
};

void TestTimeChartWidget::init()
{
    m_chart = new TimeChartWidget(QStringLiteral("Conversation endpoints"));
    m_chart->resize(640, 320);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart));
    m_chart->setTimeRange(T0, T0 + 100'000);
    m_chart->setLines({line(QStringLiteral("red"), Red, 10, true), line(QStringLiteral("blue"), Blue, 4, false)});
    QCoreApplication::processEvents();
}

void TestTimeChartWidget::cleanup()
{
    delete m_chart;
    m_chart = nullptr;
}

QImage TestTimeChartWidget::grab() const
{
    QCoreApplication::processEvents();
    QImage image(m_chart->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    m_chart->render(&image);
    return image;
}

void TestTimeChartWidget::drawsLinesWhereTheAxesSay()
{
    const QImage image = grab();
    const QRect plot = m_chart->plotRect();
    QVERIFY2(plot.width() > 300 && plot.height() > 100, qPrintable(QStringLiteral("%1x%2").arg(plot.width()).arg(plot.height())));
    // The value axis ends on a round number; a value v sits at bottom - v / top * height.
    const double top = m_chart->valueAxisLabels().last().toDouble();
    QCOMPARE(top, 12.0);
    const int x = plot.left() + plot.width() / 4; // 25 s
    const QList<int> red = rowsOf(image, plot, x, Red);
    const QList<int> blue = rowsOf(image, plot, x, Blue);
    QVERIFY(!red.isEmpty());
    QVERIFY(!blue.isEmpty());
    const double redExpected = plot.bottom() - 10.0 / top * plot.height();
    const double blueExpected = plot.bottom() - 4.0 / top * plot.height();
    QVERIFY2(std::abs(red.first() - redExpected) <= 2, qPrintable(QString::number(red.first())));
    QVERIFY2(std::abs(blue.first() - blueExpected) <= 2, qPrintable(QString::number(blue.first())));
    QCOMPARE(m_chart->drawnPointCount(QStringLiteral("blue")), qsizetype(21));
    image.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(QStringLiteral("timechartwidget.png")));
}

void TestTimeChartWidget::gapIsDrawnAsGap()
{
    const QImage image = grab();
    const QRect plot = m_chart->plotRect();
    const auto xAt = [&](double seconds) { return plot.left() + int(std::lround(seconds / 100.0 * plot.width())); };
    QVERIFY(!rowsOf(image, plot, xAt(45), Red).isEmpty());
    QVERIFY(rowsOf(image, plot, xAt(60), Red).isEmpty()); // inside the gap: nothing, not zero
    QVERIFY(!rowsOf(image, plot, xAt(85), Red).isEmpty());
    QVERIFY(!rowsOf(image, plot, xAt(60), Blue).isEmpty());
}

void TestTimeChartWidget::legendTogglesLine()
{
    QCheckBox *entry = m_chart->legendEntry(QStringLiteral("red"));
    QVERIFY(entry);
    QVERIFY(entry->isVisible());
    QSignalSpy spy(m_chart, &TimeChartWidget::lineVisibilityChanged);
    QTest::mouseClick(entry, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QVERIFY(!m_chart->isLineVisible(QStringLiteral("red")));
    QCOMPARE(m_chart->drawnPointCount(QStringLiteral("red")), qsizetype(0));
    const QRect plot = m_chart->plotRect();
    const QImage image = grab();
    QVERIFY(rowsOf(image, plot, plot.left() + plot.width() / 4, Red).isEmpty());
    // Only the blue line (4) is left: the value axis shrinks to fit it.
    QCOMPARE(m_chart->valueAxisLabels().last(), QStringLiteral("5"));
    QTest::mouseClick(entry, Qt::LeftButton);
    QVERIFY(m_chart->isLineVisible(QStringLiteral("red")));
    QVERIFY(!rowsOf(grab(), plot, plot.left() + plot.width() / 4, Red).isEmpty());
}

void TestTimeChartWidget::axesUseRoundValues()
{
    const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(T0);
    // 100 s from a round minute: ticks every 10 or 15 or 30 s of the local clock.
    const QStringList labels = m_chart->timeAxisLabels();
    QVERIFY(labels.size() >= 2);
    for (const QString &label : labels) {
        const QTime t = QTime::fromString(label, QStringLiteral("HH:mm:ss"));
        QVERIFY2(t.isValid() && t.second() % 10 == 0, qPrintable(label));
    }
    QCOMPARE(labels.first(), t0.toString(QStringLiteral("HH:mm:ss")));
    m_chart->setTimeRange(T0, T0 + 7 * 86'400'000LL);
    for (const QString &label : m_chart->timeAxisLabels())
        QVERIFY2(!label.contains(QLatin1Char(':')), qPrintable(label)); // dates only over a week
}

void TestTimeChartWidget::wheelZoomsAroundTheCursor()
{
    QSignalSpy spy(m_chart, &TimeChartWidget::viewChangedByUser);
    const QRect plot = m_chart->plotRect();
    QWidget *target = m_chart->childAt(plot.center());
    QVERIFY(target);
    const QPointF local = target->mapFrom(m_chart, QPoint(plot.left() + plot.width() / 4, plot.center().y()));
    QWheelEvent wheel(local, target->mapToGlobal(local), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &wheel);
    QCOMPARE(spy.count(), 1);
    const qint64 from = spy.at(0).at(0).toLongLong();
    const qint64 to = spy.at(0).at(1).toLongLong();
    QVERIFY(to - from < 100'000);
    // The time under the cursor (25 s) stays where it was.
    QVERIFY(std::abs(double(from + (to - from) / 4) - double(T0 + 25'000)) < 1'500);
}

void TestTimeChartWidget::dragSelectsTimeSpan()
{
    QSignalSpy spy(m_chart, &TimeChartWidget::viewChangedByUser);
    const QRect plot = m_chart->plotRect();
    QWidget *target = m_chart->childAt(plot.center());
    const auto at = [&](double f) { return target->mapFrom(m_chart, QPoint(plot.left() + int(f * plot.width()), plot.center().y())); };
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, at(0.2));
    QTest::mouseMove(target, at(0.5));
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, at(0.6));
    QCOMPARE(spy.count(), 1);
    QVERIFY(std::abs(spy.at(0).at(0).toLongLong() - (T0 + 20'000)) < 1'500);
    QVERIFY(std::abs(spy.at(0).at(1).toLongLong() - (T0 + 60'000)) < 1'500);
    QCOMPARE(m_chart->fromMs(), spy.at(0).at(0).toLongLong());
}

void TestTimeChartWidget::shiftDragPans()
{
    QSignalSpy spy(m_chart, &TimeChartWidget::viewChangedByUser);
    const QRect plot = m_chart->plotRect();
    QWidget *target = m_chart->childAt(plot.center());
    const auto at = [&](double f) { return target->mapFrom(m_chart, QPoint(plot.left() + int(f * plot.width()), plot.center().y())); };
    QTest::mousePress(target, Qt::LeftButton, Qt::ShiftModifier, at(0.5));
    QTest::mouseMove(target, at(0.6));
    QTest::mouseRelease(target, Qt::LeftButton, Qt::ShiftModifier, at(0.6));
    QVERIFY(spy.count() >= 1);
    // Dragging right by a tenth of the width shows 10 s earlier, same span.
    QVERIFY(std::abs(m_chart->fromMs() - (T0 - 10'000)) < 1'500);
    QCOMPARE(m_chart->toMs() - m_chart->fromMs(), qint64(100'000));
}

void TestTimeChartWidget::legendWrapsInsteadOfHiding()
{
    const QRect plotBefore = m_chart->plotRect();
    QList<ChartLine> lines;
    for (int i = 0; i < 3; ++i)
        lines.append(line(QStringLiteral("[dbo].[Queue %1]").arg(i), QColor::fromHsv(i * 30, 200, 200), i, false));
    m_chart->setLines(lines);
    QCoreApplication::processEvents();
    // A few short entries: one row, every entry whole and inside the widget.
    for (const ChartLine &l : std::as_const(lines)) {
        QCheckBox *entry = m_chart->legendEntry(l.key);
        QVERIFY(entry && entry->isVisible());
        QVERIFY(m_chart->rect().contains(QRect(entry->mapTo(m_chart, QPoint(0, 0)), entry->size())));
        QCOMPARE(entry->mapTo(m_chart, QPoint(0, 0)).y(), m_chart->legendEntry(lines.first().key)->mapTo(m_chart, QPoint(0, 0)).y());
    }
    QCOMPARE(m_chart->plotRect().height(), plotBefore.height());

    for (int i = 3; i < 12; ++i)
        lines.append(line(QStringLiteral("[dbo].[Queue number %1 with a long name]").arg(i), QColor::fromHsv(i * 30, 200, 200), i, false));
    m_chart->setLines(lines);
    QCoreApplication::processEvents();
    // Many long entries wrap (no entry on top of another, none squeezed) and the legend stops
    // growing at three rows, so the plot keeps most of its height.
    QList<QRect> seen;
    for (const ChartLine &l : std::as_const(lines)) {
        QCheckBox *entry = m_chart->legendEntry(l.key);
        QVERIFY(entry);
        const QRect r(entry->mapTo(m_chart, QPoint(0, 0)), entry->size());
        QVERIFY(entry->width() >= entry->sizeHint().width());
        for (const QRect &other : std::as_const(seen))
            QVERIFY(!other.intersects(r));
        seen.append(r);
    }
    QVERIFY(seen.last().top() > seen.first().top());
    grab().save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(QStringLiteral("timechartwidget-legend.png")));
    QVERIFY2(m_chart->plotRect().height() >= plotBefore.height() - 3 * seen.first().height() - 8,
             qPrintable(QStringLiteral("plot height %1 (was %2)").arg(m_chart->plotRect().height()).arg(plotBefore.height())));
}

void TestTimeChartWidget::chartsAlignTheirPlots()
{
    // A second chart of small numbers under the first one of thousands: aligned, both plots
    // start at the same x, so a moment is at the same place in both.
    TimeChartWidget small(QStringLiteral("Active readers"));
    small.resize(m_chart->size());
    small.show();
    QVERIFY(QTest::qWaitForWindowExposed(&small));
    small.setTimeRange(T0, T0 + 100'000);
    small.setLines({line(QStringLiteral("readers"), Blue, 3, false)});
    m_chart->setLines({line(QStringLiteral("big"), Red, 123'456, false)});
    QCoreApplication::processEvents();
    QVERIFY(m_chart->plotRect().left() > small.plotRect().left() + 5); // not aligned yet
    const int left = std::max(m_chart->unalignedPlotLeft(), small.unalignedPlotLeft());
    m_chart->alignPlotLeft(left);
    small.alignPlotLeft(left);
    QCoreApplication::processEvents();
    QVERIFY2(std::abs(m_chart->plotRect().left() - small.plotRect().left()) <= 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(m_chart->plotRect().left()).arg(small.plotRect().left())));
}

void TestTimeChartWidget::largeValueLabelsAreNotClipped_data()
{
    QTest::addColumn<double>("value");
    QTest::newRow("10 million") << 10'000'000.0;
    QTest::newRow("1.2 billion") << 1'234'567'890.0;
    QTest::newRow("small") << 3.0;
}

void TestTimeChartWidget::largeValueLabelsAreNotClipped()
{
    // Issue #13: on a database with millions of endpoints the value labels lost their first digits
    // on the left. Every label of the value axis lies whole inside the widget.
    QFETCH(double, value);
    m_chart->setLines({line(QStringLiteral("big"), Red, value, false)});
    const QImage image = grab();
    image.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR))
                   .filePath(QStringLiteral("timechart-labels-%1.png").arg(QString::number(qint64(value)))));
    const QStringList labels = m_chart->valueAxisLabels();
    QVERIFY(labels.size() >= 2);
    auto *view = m_chart->findChild<QChartView *>();
    QVERIFY(view);
    int found = 0;
    for (QGraphicsItem *item : view->scene()->items()) {
        auto *text = dynamic_cast<QGraphicsTextItem *>(item);
        if (!text || !text->isVisible() || !labels.contains(text->toPlainText()))
            continue;
        ++found;
        const QRect inWidget(view->viewport()->mapTo(m_chart, view->mapFromScene(text->sceneBoundingRect()).boundingRect().topLeft()),
                             text->sceneBoundingRect().size().toSize());
        // The text itself, not its item's padding: measured with the label font.
        const int textWidth = QFontMetrics(text->font()).horizontalAdvance(text->toPlainText());
        const int textLeft = inWidget.right() - textWidth - 2;
        QVERIFY2(textLeft >= 0, qPrintable(QStringLiteral("%1 starts at x=%2").arg(text->toPlainText()).arg(textLeft)));
        QVERIFY2(inWidget.right() <= m_chart->plotRect().left(), qPrintable(text->toPlainText()));
    }
    QVERIFY2(found >= 2, qPrintable(labels.join(QLatin1Char(' '))));
}

void TestTimeChartWidget::markersWhereTheyAreSparse()
{
    // The census points on the Total line: a dot (a white ring) at each of a few points; none
    // when every point is one (a small table, every sample a census).
    ChartLine total = line(QStringLiteral("total"), Blue, 8, false);
    ChartLine census;
    census.key = QStringLiteral("census");
    census.label = QStringLiteral("Census");
    census.color = Red;
    census.style = Qt::NoPen;
    for (qint64 s : {20, 60})
        census.points.append(SeriesPoint{T0 + s * 1000, 8});
    m_chart->setLines({total, census});
    const QImage image = grab();
    image.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(QStringLiteral("timechart-markers.png")));
    QCOMPARE(m_chart->drawnPointCount(QStringLiteral("census")), qsizetype(2));
    const QRect plot = m_chart->plotRect();
    const auto xAt = [&](double seconds) { return plot.left() + int(std::lround(seconds / 100.0 * plot.width())); };
    QVERIFY(!rowsOf(image, plot, xAt(20) - 3, Red).isEmpty()); // the ring's left edge
    QVERIFY(rowsOf(image, plot, xAt(40), Red).isEmpty());      // no mark between censuses
    QVERIFY(!rowsOf(image, plot, xAt(40), Blue).isEmpty());    // the total goes on there
    QVERIFY(m_chart->legendEntry(QStringLiteral("census")));
    // Every point a census: nothing to mark.
    census.points = total.points;
    m_chart->setLines({total, census});
    QCOMPARE(m_chart->drawnPointCount(QStringLiteral("census")), qsizetype(0));
    QVERIFY(rowsOf(grab(), plot, xAt(20) - 3, Red).isEmpty());
}

QTEST_MAIN(TestTimeChartWidget)
#include "tst_timechartwidget.moc"

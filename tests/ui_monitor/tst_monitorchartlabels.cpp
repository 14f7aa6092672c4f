#include "data/settings.h"
#include "ui/monitor/monitorchartsview.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/timechartwidget.h"
#include "support/manualsource.h"

#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QGraphicsTextItem>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;
using bs::test::ManualSource;

namespace {

/// A census of `closed` leaked endpoints (the population chart's scale) and 40 conversing, a queue of `depth`
/// messages and one reader (the two small charts below it).
MonitorSample sampleAt(const QDateTime &time, qint64 closed, qint64 depth)
{
    MonitorSample s;
    s.time = time;
    s.isBrokerEnabled = true;
    EndpointGroup g;
    g.state = EndpointState::CD;
    g.localService = QStringLiteral("//Sales/Target");
    g.farService = QStringLiteral("//Sales/Initiator");
    g.count = closed;
    g.closedWithUnsetSecurityTimestamp = closed;
    s.endpoints.append(g);
    EndpointGroup conversing = g;
    conversing.state = EndpointState::CO;
    conversing.count = 40;
    conversing.closedWithUnsetSecurityTimestamp = 0;
    s.endpoints.append(conversing);
    s.totals.endpoints = closed + conversing.count;
    s.totals.transmission = 0;
    s.isCensus = true;
    s.lastCensus = time;
    QueueSample q;
    q.queueId = 7;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.depth = depth;
    q.maxReaders = 1;
    q.activeReaders = 1;
    q.isReceiveEnabled = q.isEnqueueEnabled = q.isActivationEnabled = true;
    s.queues.append(q);
    return s;
}

/// One value-axis label as drawn: its text's horizontal extent in the chart's view (viewport
/// coordinates, where the view clips) and in the chart widget.
struct DrawnLabel
{
    QString text;
    int textLeftInView = 0;
    int rightInChart = 0;
};

QList<DrawnLabel> drawnValueLabels(const TimeChartWidget *chart)
{
    QList<DrawnLabel> out;
    const QStringList labels = chart->valueAxisLabels();
    auto *view = chart->findChild<QChartView *>();
    if (!view)
        return out;
    for (QGraphicsItem *item : view->scene()->items()) {
        auto *text = dynamic_cast<QGraphicsTextItem *>(item);
        if (!text || !text->isVisible() || !labels.contains(text->toPlainText()))
            continue;
        const QRect inView = view->mapFromScene(text->sceneBoundingRect()).boundingRect();
        // The text itself, right-aligned in its item (whose padding is wider than the glyphs).
        const int textWidth = QFontMetrics(text->font()).horizontalAdvance(text->toPlainText());
        DrawnLabel label;
        label.text = text->toPlainText();
        label.textLeftInView = inView.right() - textWidth - 2;
        label.rightInChart = view->viewport()->mapTo(chart, inView.topRight()).x();
        out.append(label);
    }
    return out;
}

} // namespace

/// Issue #13: in the monitor page the value labels of a chart whose values grew from a few to
/// millions lost their left digits ("00,000" for "2,000,000", test-artifacts/census-monitor.png),
/// while a chart on its own (tst_timechartwidget) showed them whole: Qt Charts lays a chart out
/// on a posted event, so right after a redraw the new, wider labels stood right-aligned at the
/// old plot edge, and the plots were aligned one event later from stale geometry; hiding a line
/// changed a chart's labels without aligning the plots again. Drives the real MonitorPage
/// offscreen and checks what it draws right after each change: every value label whole inside
/// its chart (geometry and pixels), and all plots starting at the same x.
class TestMonitorChartLabels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void labelsWholeAndPlotsAlignedAsValuesGrowAndShrink();

private:
    QTemporaryDir m_dir;
};

void TestMonitorChartLabels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
}

namespace {

/// What is wrong with the charts as the page draws them now (empty: nothing); saves the picture.
QString problemsOf(MonitorPage &page, const QString &shot)
{
    const QImage image = page.grab().toImage();
    image.save(QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(shot));
    QStringList problems;
    const QList<TimeChartWidget *> charts = page.chartsView()->charts();
    const int left = charts.first()->plotRect().left();
    for (const TimeChartWidget *chart : charts) {
        const QString name = chart->objectName();
        const QList<DrawnLabel> labels = drawnValueLabels(chart);
        if (labels.size() < 2)
            problems.append(QStringLiteral("%1: %2 value labels drawn").arg(name).arg(labels.size()));
        for (const DrawnLabel &l : labels) {
            if (l.textLeftInView < 0)
                problems.append(QStringLiteral("%1: \"%2\" starts at x=%3, cut by the view").arg(name, l.text).arg(l.textLeftInView));
            if (l.rightInChart > chart->plotRect().left())
                problems.append(QStringLiteral("%1: \"%2\" reaches into the plot").arg(name, l.text));
        }
        // The legend: every entry where the eye can read it, none drawn over another.
        QList<QRect> entries;
        for (const QString &key : chart->lineKeys()) {
            const QCheckBox *box = chart->legendEntry(key);
            if (!box || !box->isVisible())
                continue;
            const QRect r(box->mapTo(&page, QPoint(0, 0)), box->size());
            for (const QRect &other : std::as_const(entries)) {
                if (r.intersects(other))
                    problems.append(QStringLiteral("%1: legend entry \"%2\" over another").arg(name, box->text()));
            }
            entries.append(r);
        }
        if (std::abs(chart->plotRect().left() - left) > 1)
            problems.append(QStringLiteral("%1: plot starts at x=%2, the first chart's at %3").arg(name).arg(chart->plotRect().left()).arg(left));
        // The pixels: a label cut by the view leaves ink in the view's first columns, beside the plot.
        auto *view = chart->findChild<QChartView *>();
        const QPoint origin = view->viewport()->mapTo(&page, QPoint(0, 0));
        const QRect plot = chart->plotRect().translated(chart->mapTo(&page, QPoint(0, 0)));
        int ink = 0;
        for (int x = origin.x(); x < origin.x() + 2; ++x) {
            for (int y = plot.top() - 8; y <= plot.bottom() + 8; ++y)
                ink += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
        }
        if (ink > 0)
            problems.append(QStringLiteral("%1: %2 dark pixels at the view's left edge").arg(name).arg(ink));
    }
    return problems.join(QLatin1String("; "));
}

} // namespace

void TestMonitorChartLabels::labelsWholeAndPlotsAlignedAsValuesGrowAndShrink()
{
    ManualSource source{QStringLiteral("labels")};
    Settings settings(m_dir.filePath(QStringLiteral("labels.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QString(), nullptr, m_dir.path(), &settings);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setTimeRange(MonitorPage::TimeRange::FiveMinutes);
    TimeChartWidget *population = page.populationChart();
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    int seconds = 0;
    const auto deliver = [&](qint64 closed, qint64 depth) {
        source.deliver(sampleAt(t0.addSecs(seconds), closed, depth));
        seconds += 5;
    };

    // A few endpoints: narrow labels everywhere.
    for (int k = 0; k < 5; ++k)
        deliver(3 + k, 2);
    page.redrawNow();
    QVERIFY(population->valueAxisLabels().last().size() <= 2); // tens
    QString problems = problemsOf(page, QStringLiteral("monitor-labels-small.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Millions: the population chart's labels widen; the page as drawn right after the redraw
    // (a grab, an export) and after the events that follow it.
    deliver(2'000'000, 12);
    deliver(2'001'000, 12);
    page.redrawNow();
    QCOMPARE(population->valueAxisLabels().last(), QStringLiteral("3,000,000"));
    problems = problemsOf(page, QStringLiteral("monitor-labels-millions.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCoreApplication::processEvents();
    problems = problemsOf(page, QStringLiteral("monitor-labels-millions-settled.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // Hiding the lines of millions narrows the labels again, and showing them widens them: the
    // plots stay aligned without waiting for the next sample.
    const QStringList big = {QStringLiteral("endpoints.total"), QStringLiteral("endpoints.census"),
                             QStringLiteral("endpoints.leaked"), QStringLiteral("endpoints.neverExpiring")};
    QStringList hidden;
    for (const QString &key : population->lineKeys()) {
        if (big.contains(key) || key == MonitorSeries::stateKey(EndpointState::CD)) {
            population->legendEntry(key)->click();
            hidden.append(key);
        }
    }
    QCOMPARE(hidden.size(), 5);
    QVERIFY(population->valueAxisLabels().last().size() <= 2); // tens
    QCoreApplication::processEvents();
    problems = problemsOf(page, QStringLiteral("monitor-labels-hidden.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    for (const QString &key : std::as_const(hidden))
        population->legendEntry(key)->click();
    QCoreApplication::processEvents();
    problems = problemsOf(page, QStringLiteral("monitor-labels-shown.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    // And back: ten minutes later the millions have left the five-minute view.
    seconds += 600;
    for (int k = 0; k < 5; ++k)
        deliver(4, 3);
    page.redrawNow();
    QVERIFY(population->valueAxisLabels().last().size() <= 2); // tens
    problems = problemsOf(page, QStringLiteral("monitor-labels-back.png"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

QTEST_MAIN(TestMonitorChartLabels)
#include "tst_monitorchartlabels.moc"

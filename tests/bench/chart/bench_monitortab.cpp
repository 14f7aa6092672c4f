#include "data/brokersource.h"
#include "data/history/historystore.h"
#include "data/settings.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/timechartwidget.h"
#include "support/manualsource.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;
using bs::test::ManualSource;

namespace {
constexpr int Pixels = 1920;
constexpr int Height = 1080;
constexpr qint64 IntervalMs = 5000;                      // the default sampling interval
constexpr qint64 WeekMs = 7 * 86'400'000LL;
constexpr qint64 SamplesPerDay = 86'400'000LL / IntervalMs; // 17,280
constexpr int CensusEvery = 12;                           // a large table: a census a minute


/// Sample i of a week of a sick database: 4 queues with readers, 3 service pairs, the leak
/// growing, counters; a census every CensusEvery samples and the cheap total between.
MonitorSample weekSample(qint64 i, qint64 timeMs, QRandomGenerator &rng)
{
    MonitorSample s;
    s.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    s.isBrokerEnabled = true;
    const qint64 leaked = 5'000'000 + i * 40;
    s.totals.endpoints = leaked + 2000 + rng.bounded(50);
    s.totals.transmission = rng.bounded(30);
    s.isCensus = i % CensusEvery == 0;
    s.lastCensus = QDateTime::fromMSecsSinceEpoch(timeMs - (i % CensusEvery) * IntervalMs, Qt::UTC);
    if (s.isCensus) {
        for (int pair = 0; pair < 3; ++pair) {
            const QString far = QStringLiteral("//Bench/Initiator%1").arg(pair);
            for (const EndpointState state : {EndpointState::CO, EndpointState::DI, EndpointState::CD}) {
                EndpointGroup g;
                g.state = state;
                g.localService = QStringLiteral("//Bench/Target%1").arg(pair);
                g.farService = far;
                g.count = state == EndpointState::CD ? leaked / 3 : 200 + rng.bounded(100);
                g.closedWithUnsetSecurityTimestamp = state == EndpointState::CD ? g.count : 0;
                g.neverExpiring = g.closedWithUnsetSecurityTimestamp;
                s.endpoints.append(g);
            }
        }
        s.transmissionQueueSize = *s.totals.transmission;
    } else {
        for (const char *part : {"monitor.endpoints", "monitor.transmission"})
            s.unavailable.append({QLatin1String(part), QStringLiteral("Breakdown not read this sample"), QString(), true});
    }
    for (int q = 0; q < 4; ++q) {
        QueueSample qs;
        qs.queueId = 100 + q;
        qs.schema = QStringLiteral("dbo");
        qs.name = QStringLiteral("BenchQueue%1").arg(q);
        qs.depth = rng.bounded(5000);
        qs.maxReaders = 5;
        qs.activeReaders = rng.bounded(6);
        qs.isReceiveEnabled = qs.isEnqueueEnabled = qs.isActivationEnabled = true;
        s.queues.append(qs);
    }
    for (const char *name : {"Activation Errors Total", "Corrupted Messages Total", "Enqueued Messages Total"}) {
        PerfCounter c;
        c.object = QStringLiteral("Broker Statistics");
        c.counter = QLatin1String(name);
        c.value = i;
        c.type = 65792;
        s.counters.append(c);
    }
    return s;
}
} // namespace

/// The whole monitor tab at 1,920 × 1,080 px showing 7 days (issue #13's "< 16 ms per frame"):
/// a week of samples at 5 s (120,960; a census a minute on a table of millions) in a history
/// file, reopened by a MonitorPage; one frame = redrawNow() (downsample every line of the three
/// charts, setLines) + the left-edge alignment + render() of the whole page (charts, tables,
/// alert panel) into an image.
class BenchMonitorTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void wholeTabFrame();
    void redrawOnly();
    void renderOnly();

private:
    void frame(bool redraw, bool render);
    QTemporaryDir m_dir;
    ManualSource m_source{QStringLiteral("bench")};
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MonitorPage> m_page;
    QImage m_image;
};

void BenchMonitorTab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const qint64 endMs = (QDateTime::currentMSecsSinceEpoch() - 60'000) / IntervalMs * IntervalMs;
    const qint64 startMs = endMs - WeekMs + IntervalMs;
    QElapsedTimer timer;
    timer.start();
    {
        HistoryStore store;
        QVERIFY(store.open(HistoryStore::pathForProfile(QStringLiteral("bench"), m_dir.path())));
        QRandomGenerator rng(13);
        QList<MonitorSample> day;
        for (qint64 i = 0; startMs + i * IntervalMs <= endMs; ++i) {
            day.append(weekSample(i, startMs + i * IntervalMs, rng));
            if (day.size() == SamplesPerDay) {
                QVERIFY2(store.append(day), qPrintable(store.lastError()));
                day.clear();
            }
        }
        QVERIFY(day.isEmpty() || store.append(day));
    }
    qInfo("week of history written in %lld ms", static_cast<long long>(timer.restart()));
    m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("bench.ini")));
    m_page = std::make_unique<MonitorPage>(&m_source, BrokerCatalog{}, QStringLiteral("bench"), nullptr, m_dir.path(),
                                           m_settings.get());
    m_page->resize(Pixels, Height);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoadingHistory(), 60'000);
    qInfo("reopened in %lld ms", static_cast<long long>(timer.restart()));
    QCOMPARE(m_page->sampleCount(), qsizetype(WeekMs / IntervalMs));
    // One live sample: the alert engine raises the leak alert, the tables fill.
    QRandomGenerator rng(14);
    m_source.deliver(weekSample(0, endMs + IntervalMs, rng));
    m_page->setTimeRange(MonitorPage::TimeRange::SevenDays);
    m_page->redrawNow();
    QCoreApplication::processEvents();
    // Laid out, then hidden: a frame is painted once, into the image, as bench_chart_render does.
    m_page->hide();
    m_image = QImage(m_page->size(), QImage::Format_ARGB32_Premultiplied);
    qInfo("population plot %d px wide, %lld samples, %lld lines in the population chart",
          m_page->populationChart()->plotWidth(), static_cast<long long>(m_page->sampleCount()),
          static_cast<long long>(m_page->populationChart()->lineKeys().size()));
    QVERIFY(m_page->viewToMs() - m_page->viewFromMs() >= WeekMs - IntervalMs);
}

void BenchMonitorTab::cleanupTestCase()
{
    m_page.reset();
}

void BenchMonitorTab::frame(bool redraw, bool render)
{
    if (redraw) {
        m_page->redrawNow();
        QCoreApplication::processEvents(); // the charts' left-edge alignment
    }
    if (render) {
        m_image.fill(Qt::white);
        m_page->render(&m_image);
    }
}

void BenchMonitorTab::wholeTabFrame()
{
    QBENCHMARK {
        frame(true, true);
    }
    QVERIFY(m_page->populationChart()->drawnPointCount(QStringLiteral("endpoints.total")) > 1000);
    QVERIFY(m_image.save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/bench-monitortab.png")));
}

void BenchMonitorTab::redrawOnly()
{
    QBENCHMARK {
        frame(true, false);
    }
}

void BenchMonitorTab::renderOnly()
{
    frame(true, false);
    QBENCHMARK {
        frame(false, true);
    }
}

QTEST_MAIN(BenchMonitorTab)
#include "bench_monitortab.moc"

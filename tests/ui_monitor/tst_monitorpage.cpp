#include "core/alerts/alert.h"
#include "data/history/historystore.h"
#include "data/history/samplecodec.h"
#include "data/querylibrary.h"
#include "data/settings.h"
#include "data/sim/simbrokersource.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/countertablemodel.h"
#include "ui/monitor/elidedlabel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/timechartwidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTextCursor>
#include <QComboBox>
#include <QToolButton>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace bs;

Q_DECLARE_METATYPE(bs::MonitorHistoryLoader::Result)

namespace {

/// A server-like source (not a simulation) whose samples the test hands in.
class ManualSource : public BrokerSource
{
public:
    QString displayName() const override { return QStringLiteral("manual"); }
    bool isSimulation() const override { return false; }
    void loadCatalog() override {}
    void startSampling(int intervalMs) override { lastInterval = intervalMs; }
    void stopSampling() override {}
    void cancel() override {}
    void deliver(const MonitorSample &sample) { Q_EMIT sampleReady(sample); }
    int lastInterval = 0;
};

MonitorSample sampleAt(qint64 timeMs, qint64 conversing)
{
    MonitorSample s;
    s.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    s.isBrokerEnabled = true;
    EndpointGroup g;
    g.state = EndpointState::CO;
    g.localService = QStringLiteral("//Sales/Initiator");
    g.farService = QStringLiteral("//Sales/Target");
    g.isInitiator = true;
    g.count = conversing;
    s.endpoints.append(g);
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.depth = conversing % 17;
    s.queues.append(q);
    return s;
}

qsizetype countAt(const TimeSeries &ts, qint64 timeMs)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < ts.size(); ++i)
        n += ts.timeAt(i) == timeMs ? 1 : 0;
    return n;
}

} // namespace

/// The monitor tab on the demo simulation: sampling, series, the leak alert, legend toggling,
/// time ranges, exports, health for the graph, history on reopen, and a screenshot.
class TestMonitorPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void demoEndToEnd();
    void intervalIsClamped();
    void historyLoadsOffTheGuiThread();
    void cancelledLoadKeepsLiveSamples();
    void loaderReportsProgressAndStops();
    void choicesAreRememberedAndThresholdsFollow();
    void toolbarDrivesThePage();
    void olderFileIsConvertedWhileLoading();
    void alertLogMerge_data();
    void alertLogMerge();
    void chartKeysStayOutOfTextFields();
    void simulationRestartStartsAFreshHistory();
    void retentionPrunesWhileTheTabStaysOpen();
    void zoomWhileFollowingLiveSticks();

private:
    static BrokerCatalog loadCatalog(BrokerSource *source);
    /// A history file of `count` samples 5 s apart ending at `endMs`, under key `key`.
    QString writeHistory(const QString &key, qsizetype count, qint64 endMs);
    QString iniFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }
    QTemporaryDir m_dir;
};

QString TestMonitorPage::writeHistory(const QString &key, qsizetype count, qint64 endMs)
{
    HistoryStore store;
    const QString path = HistoryStore::pathForProfile(key, m_dir.path());
    if (!store.open(path))
        return {};
    QList<MonitorSample> samples;
    samples.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        samples.append(sampleAt(endMs - (count - 1 - i) * 5000, 100 + i));
    return store.append(samples) ? path : QString();
}

void TestMonitorPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

BrokerCatalog TestMonitorPage::loadCatalog(BrokerSource *source)
{
    QSignalSpy loaded(source, &BrokerSource::catalogLoaded);
    source->loadCatalog();
    if (!loaded.wait(5000))
        return {};
    return loaded.first().first().value<BrokerCatalog>();
}

void TestMonitorPage::demoEndToEnd()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QVERIFY(source);
    source->setSpeed(SimBrokerSource::MaxSpeed);
    const BrokerCatalog catalog = loadCatalog(source.get());
    QVERIFY(!catalog.queues.isEmpty());

    Settings settings(iniFile());
    auto page = std::make_unique<MonitorPage>(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path(), &settings);
    QSignalSpy healthSpy(page.get(), &MonitorPage::healthChanged);
    page->resize(1440, 900);
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));
    page->setIntervalMs(100);
    QCOMPARE(page->intervalMs(), 100);

    // The naive fire-and-forget pair of the demo never ends its conversations: the leak alert
    // rises, attributed to a side of that pair.
    const auto hasLeakAlert = [&] {
        for (const Alert &a : page->alertsPanel()->activeAlerts()) {
            if (a.kind == AlertKind::EndpointLeak && a.attribution != LeakAttribution::None
                && a.subject.contains(QStringLiteral("Naive")))
                return true;
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(page->sampleCount() >= 15 && hasLeakAlert(),
                              qPrintable(QStringLiteral("%1 samples, alerts: %2")
                                             .arg(page->sampleCount())
                                             .arg(page->alertsPanel()->activeTitles().join(QStringLiteral("; ")))),
                              15000);
    QVERIFY(!page->alertsPanel()->activeTitles().isEmpty());
    QVERIFY(page->alertsPanel()->logCount() >= 1);
    QVERIFY(!page->alertsPanel()->currentFixSql().isEmpty());
    const QString fixPath = m_dir.filePath(QStringLiteral("fix.sql"));
    QVERIFY(page->alertsPanel()->saveFixTo(fixPath));
    QVERIFY(QFile(fixPath).size() > 0);

    // Health for the graph: some service of the leaking pair is flagged.
    QVERIFY(healthSpy.count() >= 1);
    bool serviceFlagged = false;
    for (const auto &[ref, health] : page->health()) {
        if (ref.kind == ObjectKind::Service && health != NodeHealth::Normal) {
            serviceFlagged = true;
            QVERIFY(!page->healthReason(ref).isEmpty());
        }
    }
    QVERIFY(serviceFlagged);

    // Every sample is one point per series (no gaps in a simulation).
    page->setFollowLive(true);
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    const qsizetype samples = page->sampleCount();
    // DISCONNECTED_OUTBOUND: what the naive pair of the demo piles up.
    const QString piled = MonitorSeries::stateKey(EndpointState::DO);
    QVERIFY(page->series().series(QStringLiteral("endpoints.total")).size() >= samples);
    QVERIFY(page->series().series(piled).valueAt(page->series().series(piled).size() - 1) > 0);
    TimeChartWidget *chart = page->populationChart();
    QVERIFY(chart->drawnPointCount(piled) >= 2);
    QVERIFY(chart->drawnPointCount(piled) <= qsizetype(chart->plotWidth()) * 6 + 2);
    QVERIFY(page->queueChart()->lineKeys().size() >= 2);

    // The read-out shows the exact value of the newest sample.
    const TimeSeries &piledSeries = page->series().series(piled);
    const QString text = chart->readoutAt(piledSeries.lastTime());
    QVERIFY2(text.contains(QLocale().toString(qint64(piledSeries.valueAt(piledSeries.size() - 1)))), qPrintable(text));

    // Legend entries toggle series.
    QCheckBox *legend = chart->legendEntry(piled);
    QVERIFY(legend);
    legend->click();
    QVERIFY(!chart->isLineVisible(piled));
    QCOMPARE(chart->drawnPointCount(piled), qsizetype(0));
    legend->click();
    QVERIFY(chart->isLineVisible(piled));
    QVERIFY(chart->drawnPointCount(piled) > 0);

    // Time ranges, and follow-live stopping when the user pans back.
    page->setTimeRange(MonitorPage::TimeRange::FiveMinutes);
    QCOMPARE(page->viewToMs() - page->viewFromMs(), qint64(5 * 60'000));
    QCOMPARE(chart->toMs() - chart->fromMs(), qint64(5 * 60'000));
    page->pan(-0.5);
    QVERIFY(!page->isFollowLive());
    page->setFollowLive(true);
    page->setTimeRange(MonitorPage::TimeRange::All);

    // Stacked areas and the far-service breakdown draw too.
    page->setPopulationMode(MonitorPage::PopulationMode::StackedArea);
    page->redrawNow();
    QVERIFY(chart->drawnPointCount(piled) > 0);
    page->setFarServiceBreakdown(true);
    page->redrawNow();
    bool hasFar = false;
    for (const QString &k : chart->lineKeys())
        hasFar = hasFar || k.startsWith(QLatin1String("endpoints.far."));
    QVERIFY(hasFar);
    // Labelled "local → far": the target's endpoints talk to the initiator. The path every service
    // of the demo shares ("//BrokerStudio/") is left out; the pairs' own parts stay, so the naive
    // and the orders pairs remain distinct.
    const QString farInitiator = MonitorSeries::farServiceKey(QStringLiteral("//BrokerStudio/Naive/Initiator"));
    QVERIFY(chart->legendEntry(farInitiator));
    QCOMPARE(chart->legendEntry(farInitiator)->text(), QStringLiteral("Naive/Target → Naive/Initiator"));
    QCoreApplication::processEvents(); // the legend's new height is laid out before the picture
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-farservice.png")));
    page->setFarServiceBreakdown(false);
    page->setPopulationMode(MonitorPage::PopulationMode::Lines);

    // CSV of the visible range: header, then one row per sample, a column per series.
    source->stopSampling();
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    const QString csvPath = m_dir.filePath(QStringLiteral("monitor.csv"));
    QString error;
    QVERIFY2(page->exportCsv(csvPath, &error), qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 2);
    const QStringList header = lines.first().split(QLatin1Char(','));
    QCOMPARE(header.first(), QStringLiteral("time_utc"));
    QVERIFY(header.contains(QStringLiteral("endpoints.total")));
    QVERIFY(header.contains(QStringLiteral("endpoints.leaked")));
    QVERIFY(header.contains(QStringLiteral("transmission.size")));
    QCOMPARE(lines.size() - 1, qsizetype(page->series().series(QStringLiteral("endpoints.total")).size()));
    const QStringList last = lines.last().split(QLatin1Char(','));
    QCOMPARE(last.size(), header.size());
    QVERIFY(QDateTime::fromString(last.first(), Qt::ISODateWithMs).isValid());
    QCOMPARE(last.at(header.indexOf(QStringLiteral("endpoints.total"))).toDouble(),
             page->series().series(QStringLiteral("endpoints.total")).valueAt(page->series().series(QStringLiteral("endpoints.total")).size() - 1));

    QVERIFY2(page->exportPng(m_dir.filePath(QStringLiteral("charts.png")), &error), qPrintable(error));
    QVERIFY2(page->exportSvg(m_dir.filePath(QStringLiteral("charts.svg")), &error), qPrintable(error));
    // A report, not a screen grab: white page, as wide as the charts, taller than the three
    // plots (title and legends), and the SVG names the source in its title and text.
    const QImage report(m_dir.filePath(QStringLiteral("charts.png")));
    QVERIFY(!report.isNull());
    QCOMPARE(report.pixelColor(2, report.height() - 2), QColor(Qt::white));
    QVERIFY(report.height() > page->populationChart()->height());
    report.save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitor-export.png"));
    QFile svg(m_dir.filePath(QStringLiteral("charts.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray svgText = svg.readAll();
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("<title>Demo broker"));
    QVERIFY(svgText.contains("Never expire")); // the legend as text
    QVERIFY(!svgText.contains("<image")); // drawn, not a pasted screenshot of check boxes

    // Less data than an hour: the view starts at the first sample instead of squeezing the data
    // into the right edge of the hour.
    page->setTimeRange(MonitorPage::TimeRange::OneHour);
    const TimeSeries &totalSeries = page->series().series(QStringLiteral("endpoints.total"));
    QVERIFY(totalSeries.lastTime() - totalSeries.firstTime() < 3'600'000);
    QCOMPARE(page->viewFromMs(), totalSeries.firstTime());
    QCOMPARE(page->viewToMs(), std::max(totalSeries.lastTime(), totalSeries.firstTime() + 5 * 60'000));
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();

    // Broker counters: their own tab and columns in the CSV.
    QVERIFY(page->counterModel()->rowCount() > 0);
    QCOMPARE(page->tableTabs()->tabText(3), QStringLiteral("Counters"));
    bool counterColumn = false;
    for (const QString &h : header)
        counterColumn = counterColumn || h.startsWith(QLatin1String("counter.Broker Statistics/"));
    QVERIFY2(counterColumn, qPrintable(header.join(QLatin1Char(','))));

    // The status line is shown whole (or elided), never cut to its first letter.
    auto *status = page->findChild<ElidedLabel *>(QStringLiteral("monitorStatus"));
    QVERIFY(status);
    QVERIFY(status->text().startsWith(QStringLiteral("Last sample")));
    QCOMPARE(status->elidedText(), status->text());

    // The Queues tab shows every queue of the demo without scrolling.
    page->tableTabs()->setCurrentIndex(1);
    QTableView *queueView = page->queuePanel()->view();
    const int queueRows = queueView->model()->rowCount();
    QCOMPARE(queueRows, int(catalog.queues.size()));
    QTRY_VERIFY2(queueView->rowViewportPosition(queueRows - 1) + queueView->rowHeight(queueRows - 1)
                     <= queueView->viewport()->height(),
                 qPrintable(QStringLiteral("viewport %1 px").arg(queueView->viewport()->height())));
    // Columns fit their contents: the monitor state is not clipped.
    const int monitorColumn = QueueTableModel::Monitor;
    QVERIFY(queueView->columnWidth(monitorColumn)
            >= queueView->fontMetrics().horizontalAdvance(queueMonitorStateText(QueueMonitorState::ReceivesOccurring)));
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-queues.png")));
    page->tableTabs()->setCurrentIndex(3);
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-counters.png")));
    page->tableTabs()->setCurrentIndex(0);
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage.png")));

    // Reopening the profile shows its history (series and alert log) before any new sample.
    const qsizetype stored = page->series().series(QStringLiteral("endpoints.total")).size();
    const int logged = page->alertsPanel()->logCount();
    page.reset();
    MonitorPage reopened(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path(), &settings);
    source->stopSampling();
    // The history loads on a worker; the tables show the newest stored sample at once.
    QVERIFY(reopened.endpointModel()->rowCount() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isLoadingHistory(), 10000);
    // The interval chosen above is remembered for the demo.
    QCOMPARE(reopened.intervalMs(), 100);
    QCOMPARE(reopened.series().series(QStringLiteral("endpoints.total")).size(), stored);
    QCOMPARE(reopened.alertsPanel()->logCount(), logged);
    QVERIFY(reopened.endpointModel()->rowCount() > 0);
}

void TestMonitorPage::intervalIsClamped()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    Settings settings(m_dir.filePath(QStringLiteral("clamp.ini")));
    MonitorPage page(source.get(), BrokerCatalog{}, QString(), nullptr, {}, &settings);
    QCOMPARE(page.intervalMs(), 1000);
    page.setIntervalMs(1);
    QCOMPARE(page.intervalMs(), MonitorPage::MinSimulationIntervalMs);
    page.setIntervalMs(24 * 3600 * 1000);
    QCOMPARE(page.intervalMs(), MonitorPage::MaxIntervalMs);
}

void TestMonitorPage::historyLoadsOffTheGuiThread()
{
    // Enough samples that reading them takes the worker a while (11 hours at 5 s); small enough to
    // keep the suite quick.
    constexpr qsizetype Stored = 8000;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QVERIFY(!writeHistory(QStringLiteral("big"), Stored, endMs).isEmpty());

    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("load.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("big"), nullptr, m_dir.path(), &settings);
    QSignalSpy finished(&page, &MonitorPage::historyLoadFinished);
    page.resize(1280, 800);
    page.show();
    // The constructor returned before the history was read: the page says so and offers Cancel.
    QVERIFY(page.isLoadingHistory());
    auto *bar = page.findChild<QWidget *>(QStringLiteral("historyLoading"));
    QVERIFY(bar);
    QVERIFY(bar->isVisible());
    bool saysLoading = false;
    for (QLabel *label : bar->findChildren<QLabel *>())
        saysLoading = saysLoading || label->text().startsWith(QStringLiteral("Loading history since "));
    QVERIFY(saysLoading);
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("cancelHistoryLoad")));
    // Live samples keep coming while it loads: the stored newest again (refused as stale, or it
    // would be doubled) and a new one after it.
    source.deliver(sampleAt(endMs, 100 + Stored - 1));
    const qint64 liveMs = endMs + 5000;
    source.deliver(sampleAt(liveMs, 999'999));
    QVERIFY(page.isLoadingHistory());
    QCOMPARE(page.series().series(QStringLiteral("endpoints.total")).size(), qsizetype(1));
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(page.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-loading.png")));

    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoadingHistory(), 15000);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!bar->isVisible());
    const TimeSeries &total = page.series().series(QStringLiteral("endpoints.total"));
    QCOMPARE(total.size(), Stored + 1);
    QCOMPARE(countAt(total, liveMs), qsizetype(1));
    QCOMPARE(countAt(total, endMs), qsizetype(1));
    QCOMPARE(total.lastTime(), liveMs);
    QCOMPARE(total.valueAt(total.size() - 1), 999'999.0);
    QCOMPARE(total.firstTime(), endMs - (Stored - 1) * 5000);
    QCOMPARE(page.latestSample().time.toMSecsSinceEpoch(), liveMs);

    // The live sample reached the store too: reopening shows it once more, and only once.
    MonitorPage again(&source, BrokerCatalog{}, QStringLiteral("big"), nullptr, m_dir.path(), &settings);
    QTRY_VERIFY_WITH_TIMEOUT(!again.isLoadingHistory(), 15000);
    QCOMPARE(again.series().series(QStringLiteral("endpoints.total")).size(), Stored + 1);
}

void TestMonitorPage::cancelledLoadKeepsLiveSamples()
{
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    QVERIFY(!writeHistory(QStringLiteral("cancelled"), 2000, endMs).isEmpty());
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("cancel.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("cancelled"), nullptr, m_dir.path(), &settings);
    QSignalSpy finished(&page, &MonitorPage::historyLoadFinished);
    QVERIFY(page.isLoadingHistory());
    source.deliver(sampleAt(endMs + 5000, 7));
    page.findChild<QPushButton *>(QStringLiteral("cancelHistoryLoad"))->click();
    QVERIFY(!page.isLoadingHistory());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    source.deliver(sampleAt(endMs + 10000, 8));
    // The dropped result never arrives later: only the two live samples are shown.
    QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 15000);
    QCoreApplication::processEvents();
    QCOMPARE(page.series().series(QStringLiteral("endpoints.total")).size(), qsizetype(2));
    QCOMPARE(finished.size(), 1);
}

void TestMonitorPage::loaderReportsProgressAndStops()
{
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    const QString path = writeHistory(QStringLiteral("loader"), 1000, endMs);
    QVERIFY(!path.isEmpty());
    MonitorHistoryLoader::Request request;
    request.path = path;
    request.from = QDateTime::fromMSecsSinceEpoch(endMs - 999 * 5000, Qt::UTC);
    request.to = QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC);
    request.retentionNow = QDateTime::currentDateTimeUtc();

    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{-1};
    const MonitorHistoryLoader::Result loaded = MonitorHistoryLoader::load(request, cancelled, percent);
    QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    QCOMPARE(loaded.series.series(QStringLiteral("endpoints.total")).size(), qsizetype(1000));
    QCOMPARE(percent.load(), 100);

    cancelled = true;
    percent = -1;
    const MonitorHistoryLoader::Result stopped = MonitorHistoryLoader::load(request, cancelled, percent);
    QCOMPARE(stopped.error, QStringLiteral("cancelled"));
    QCOMPARE(stopped.series.sampleCount(), qsizetype(0));

    // Through the object: progress signals, then one result.
    MonitorHistoryLoader loader;
    QSignalSpy done(&loader, &MonitorHistoryLoader::finished);
    loader.start(request);
    QVERIFY(loader.isRunning());
    QVERIFY(done.wait(10000));
    QVERIFY(!loader.isRunning());
    QCOMPARE(done.first().first().value<MonitorHistoryLoader::Result>().series.series(QStringLiteral("endpoints.total")).size(),
             qsizetype(1000));
}

void TestMonitorPage::choicesAreRememberedAndThresholdsFollow()
{
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("choices.ini")));
    settings.setMonitorDefaultIntervalMs(10000);
    {
        MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("prod\\inst"), nullptr, m_dir.path(), &settings);
        QCOMPARE(page.intervalMs(), 10000);
        QCOMPARE(source.lastInterval, 10000);
        page.setIntervalMs(30000);
        page.setPopulationMode(MonitorPage::PopulationMode::StackedArea);
        page.setFarServiceBreakdown(true);
        page.setFarServiceBreakdown(false);
    }
    // Another Settings object on the same file, as the main window and each tab have.
    Settings other(m_dir.filePath(QStringLiteral("choices.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("prod\\inst"), nullptr, m_dir.path(), &other);
    QCOMPARE(page.intervalMs(), 30000);
    QCOMPARE(page.populationMode(), MonitorPage::PopulationMode::StackedArea);
    MonitorPage fresh(&source, BrokerCatalog{}, QStringLiteral("another"), nullptr, m_dir.path(), &other);
    QCOMPARE(fresh.intervalMs(), 10000);

    // Thresholds changed elsewhere (the preferences dialog) reach open pages at once.
    AlertSettings stricter;
    stricter.transmissionAgeSeconds = 30;
    stricter.leakWindowSamples = 24;
    QVERIFY(page.alertSettings() != stricter);
    settings.setAlertSettings(stricter);
    QCOMPARE(page.alertSettings(), stricter);
    QCOMPARE(fresh.alertSettings(), stricter);
}

void TestMonitorPage::toolbarDrivesThePage()
{
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("toolbar.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("toolbar"), nullptr, m_dir.path(), &settings);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    auto *all = page.findChild<QToolButton *>(QStringLiteral("range%1").arg(int(MonitorPage::TimeRange::All)));
    QVERIFY(all);
    all->click();
    QCOMPARE(page.timeRange(), MonitorPage::TimeRange::All);

    auto *follow = page.findChild<QToolButton *>(QStringLiteral("followLive"));
    QVERIFY(follow && follow->isChecked());
    follow->click();
    QVERIFY(!page.isFollowLive());
    page.setFollowLive(true);
    QVERIFY(follow->isChecked());

    auto *interval = page.findChild<QComboBox *>(QStringLiteral("interval"));
    QVERIFY(interval);
    // A server is never offered sub-second sampling.
    QCOMPARE(interval->itemData(0).toInt(), 1000);
    interval->setCurrentIndex(interval->findData(60000));
    Q_EMIT interval->activated(interval->currentIndex());
    QCOMPARE(page.intervalMs(), 60000);
    QCOMPARE(source.lastInterval, 60000);
    QCOMPARE(settings.monitorProfileIntervalMs(QStringLiteral("toolbar")), std::optional<int>(60000));

    auto *mode = page.findChild<QComboBox *>(QStringLiteral("populationMode"));
    QVERIFY(mode);
    mode->setCurrentIndex(mode->findData(int(MonitorPage::PopulationMode::StackedArea)));
    Q_EMIT mode->activated(mode->currentIndex());
    QCOMPARE(page.populationMode(), MonitorPage::PopulationMode::StackedArea);

    auto *far = page.findChild<QCheckBox *>(QStringLiteral("byFarService"));
    QVERIFY(far);
    far->click();
    QVERIFY(page.isFarServiceBreakdown());
    QVERIFY(!mode->isEnabled());
    page.setFarServiceBreakdown(false);
    QVERIFY(!far->isChecked());
    QVERIFY(mode->isEnabled());

    // The export shortcuts belong to the page's tab.
    QStringList shortcuts;
    for (QAction *a : page.actions())
        shortcuts.append(a->shortcut().toString());
    QVERIFY2(shortcuts.contains(QStringLiteral("Ctrl+Shift+C")), qPrintable(shortcuts.join(QLatin1Char(' '))));
}

void TestMonitorPage::olderFileIsConvertedWhileLoading()
{
    // A file as schema 1 of the store wrote it: sample rows only, no chart points.
    const QString path = m_dir.filePath(QStringLiteral("schema1.sqlite"));
    constexpr qsizetype Count = 300;
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
    {
        const QString connection = QStringLiteral("schema1-writer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const char *name : {"journal_wal", "create_meta", "create_samples", "create_alerts", "create_alerts_index"})
                QVERIFY2(query.exec(QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name))), name);
            query.prepare(QueryLibrary::text(QStringLiteral("history.set_meta")));
            query.bindValue(QStringLiteral(":key"), QStringLiteral("schema"));
            query.bindValue(QStringLiteral(":value"), QStringLiteral("1"));
            QVERIFY(query.exec());
            QVERIFY(db.transaction());
            for (qsizetype i = 0; i < Count; ++i) {
                const MonitorSample s = sampleAt(endMs - (Count - 1 - i) * 5000, 10 + i);
                QSqlQuery row(db);
                row.prepare(QueryLibrary::text(QStringLiteral("history.insert_sample")));
                row.bindValue(QStringLiteral(":time_ms"), s.time.toMSecsSinceEpoch());
                row.bindValue(QStringLiteral(":endpoints"), s.endpointCount());
                row.bindValue(QStringLiteral(":leaked"), s.leakedClosedCount());
                row.bindValue(QStringLiteral(":never_expiring"), s.neverExpiringCount());
                row.bindValue(QStringLiteral(":transmission"), s.transmissionQueueSize);
                row.bindValue(QStringLiteral(":data"), SampleCodec::encode(s));
                QVERIFY(row.exec());
            }
            QVERIFY(db.commit());
        }
        QSqlDatabase::removeDatabase(connection);
    }
    MonitorHistoryLoader::Request request;
    request.path = path;
    request.from = QDateTime::fromMSecsSinceEpoch(endMs - (Count - 1) * 5000, Qt::UTC);
    request.to = QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC);
    request.retentionNow = QDateTime::currentDateTimeUtc();
    std::atomic<bool> cancelled{false};
    std::atomic<int> percent{-1};
    const MonitorHistoryLoader::Result result = MonitorHistoryLoader::load(request, cancelled, percent);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.converted, qsizetype(Count));
    const TimeSeries &total = result.series.series(QStringLiteral("endpoints.total"));
    QCOMPARE(total.size(), Count);
    QCOMPARE(total.valueAt(Count - 1), double(10 + Count - 1));
    HistoryStore after;
    QVERIFY(after.open(path));
    QCOMPARE(after.convertOldRows(), qint64(0));
}

void TestMonitorPage::alertLogMerge_data()
{
    // Entries as "key@raised-minute" plus "+" when still active.
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QStringList>("live");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing live") << QStringList{u"a@1"_qs, u"b@2+"_qs} << QStringList{} << QStringList{u"a@1"_qs, u"b@2+"_qs};
    QTest::newRow("new live alert") << QStringList{u"a@1"_qs} << QStringList{u"c@9+"_qs} << QStringList{u"a@1"_qs, u"c@9+"_qs};
    QTest::newRow("saved live, read back by the worker") << QStringList{u"a@1"_qs, u"c@9+"_qs} << QStringList{u"c@9"_qs}
                                                        << QStringList{u"a@1"_qs, u"c@9"_qs};
    QTest::newRow("still active from last session") << QStringList{u"b@2+"_qs} << QStringList{u"b@9+"_qs}
                                                    << QStringList{u"b@2+"_qs};
    QTest::newRow("cleared before, raised again") << QStringList{u"b@2"_qs} << QStringList{u"b@9+"_qs}
                                                  << QStringList{u"b@2"_qs, u"b@9+"_qs};
}

void TestMonitorPage::alertLogMerge()
{
    QFETCH(QStringList, stored);
    QFETCH(QStringList, live);
    QFETCH(QStringList, expected);
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    const auto entries = [&base](const QStringList &texts) {
        QList<AlertLogEntry> list;
        for (QString t : texts) {
            const bool active = t.endsWith(QLatin1Char('+'));
            t.remove(QLatin1Char('+'));
            const QStringList parts = t.split(QLatin1Char('@'));
            AlertLogEntry e;
            e.alert.key = parts[0];
            e.raised = base.addSecs(60 * parts[1].toInt());
            if (!active)
                e.cleared = e.raised.addSecs(30);
            list.append(e);
        }
        return list;
    };
    QStringList merged;
    for (const AlertLogEntry &e : MonitorHistoryLoader::mergeAlertLog(entries(stored), entries(live)))
        merged.append(e.alert.key + QLatin1Char('@') + QString::number(base.secsTo(e.raised) / 60)
                      + (e.isActive() ? QStringLiteral("+") : QString()));
    QCOMPARE(merged, expected);
}

void TestMonitorPage::chartKeysStayOutOfTextFields()
{
    // Ctrl+Left in the fix T-SQL editor moves its cursor; only with the charts focused does it pan.
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("keys.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QString(), nullptr, m_dir.path(), &settings);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 600'000;
    for (int i = 0; i < 60; ++i)
        source.deliver(sampleAt(t0 + i * 5000, 10 + i));
    auto *editor = page.findChild<QPlainTextEdit *>(QStringLiteral("fixSql"));
    QVERIFY(editor);
    editor->setReadOnly(false);
    editor->setPlainText(QStringLiteral("ALTER QUEUE dbo.TargetQueue WITH STATUS = ON;"));
    QTextCursor cursor = editor->textCursor();
    cursor.movePosition(QTextCursor::End);
    editor->setTextCursor(cursor);
    editor->setFocus();
    QTRY_VERIFY(editor->hasFocus());
    const qint64 from = page.viewFromMs();
    const qint64 to = page.viewToMs();
    const int before = editor->textCursor().position();
    QTest::keyClick(editor, Qt::Key_Left, Qt::ControlModifier);
    QVERIFY(editor->textCursor().position() < before);
    QCOMPARE(page.viewFromMs(), from);
    QCOMPARE(page.viewToMs(), to);
    QVERIFY(page.isFollowLive());

    // Clicking a chart gives the charts the keys.
    QTest::mouseClick(page.populationChart(), Qt::LeftButton, {}, page.populationChart()->rect().center());
    QTRY_VERIFY(page.populationChart()->isAncestorOf(QApplication::focusWidget())
                || QApplication::focusWidget() == page.populationChart()->parentWidget());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::ControlModifier);
    QVERIFY(page.viewToMs() < to);
    QVERIFY(!page.isFollowLive());
}

namespace {
/// A simulation whose samples the test hands in (its clock may start over).
class ManualSimulation : public ManualSource
{
public:
    bool isSimulation() const override { return true; }
};
} // namespace

void TestMonitorPage::simulationRestartStartsAFreshHistory()
{
    ManualSimulation source;
    Settings settings(m_dir.filePath(QStringLiteral("restart.ini")));
    const QString key = QStringLiteral("demo-7");
    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    // The stored run's endpoint totals (the store keeps every sample's chart numbers, whole
    // samples only once a minute).
    const auto storedRun = [&](const QString &path) {
        HistoryStore store;
        if (!store.open(path))
            return std::vector<double>();
        return store.series(QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), QDateTime::fromMSecsSinceEpoch(start + 60'000, Qt::UTC))
            .series(QStringLiteral("endpoints.total"))
            .values();
    };
    QString path;
    {
        MonitorPage page(&source, BrokerCatalog{}, key, nullptr, m_dir.path(), &settings);
        for (int i = 0; i < 10; ++i)
            source.deliver(sampleAt(start + i * 1000, 100 + i));
        path = page.historyPath();
        // The simulation starts over at its scenario's start time: its clock cannot continue the
        // stored run, so the series and the file start afresh (one file per key, never one more).
        for (int i = 0; i < 4; ++i)
            source.deliver(sampleAt(start + i * 1000, 7 + i));
        QCOMPARE(page.series().series(QStringLiteral("endpoints.total")).size(), qsizetype(4));
        QCOMPARE(page.historyPath(), path);
        const std::vector<double> rerun = storedRun(path);
        QCOMPARE(rerun.size(), size_t(4));
        QCOMPARE(rerun.front(), 7.0);
    }
    // The app starts again (a new page on the same key): the stored run shows until the
    // simulation's first sample, which starts over again, in the same file.
    const int filesBefore = int(QDir(m_dir.path()).entryList({QStringLiteral("*.sqlite")}).size());
    MonitorPage again(&source, BrokerCatalog{}, key, nullptr, m_dir.path(), &settings);
    source.deliver(sampleAt(start, 50));
    QTRY_VERIFY(!again.isLoadingHistory());
    QCOMPARE(again.historyPath(), path);
    QCOMPARE(again.series().series(QStringLiteral("endpoints.total")).size(), qsizetype(1));
    QCOMPARE(storedRun(path).size(), size_t(1));
    QCOMPARE(int(QDir(m_dir.path()).entryList({QStringLiteral("*.sqlite")}).size()), filesBefore);
}

void TestMonitorPage::retentionPrunesWhileTheTabStaysOpen()
{
    // A simulation's clock runs days in minutes: retention counts back from its newest sample.
    ManualSimulation source;
    Settings settings(m_dir.filePath(QStringLiteral("retention.ini")));
    settings.setHistoryRetentionDays(1);
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("retention-demo"), nullptr, m_dir.path(), &settings);
    page.setRetentionCheckIntervalMs(0);
    const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    constexpr qint64 Hour = 3'600'000;
    for (int h = 0; h <= 72; h += 6)
        source.deliver(sampleAt(start + h * Hour, 100 + h));
    const TimeSeries &total = page.series().series(QStringLiteral("endpoints.total"));
    QVERIFY(total.size() > 0);
    // Three days delivered, one kept (the newest sample and the day before it).
    QVERIFY2(total.firstTime() >= start + 48 * Hour, qPrintable(QString::number((total.firstTime() - start) / Hour)));
    QCOMPARE(total.lastTime(), start + 72 * Hour);
    HistoryStore store;
    QVERIFY(store.open(page.historyPath()));
    const auto range = store.timeRange();
    QVERIFY(range);
    QVERIFY(range->first.toMSecsSinceEpoch() >= start + 48 * Hour);
}

void TestMonitorPage::zoomWhileFollowingLiveSticks()
{
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("zoom.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("zoom"), nullptr, m_dir.path(), &settings);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - 2 * 3'600'000LL;
    for (int i = 0; i <= 7200; i += 60)
        source.deliver(sampleAt(start + i * 1000LL, 10));
    page.setTimeRange(MonitorPage::TimeRange::OneHour);
    QVERIFY(page.isFollowLive());
    QCOMPARE(page.viewToMs() - page.viewFromMs(), qint64(3'600'000));
    page.zoom(0.5);
    QCOMPARE(page.viewToMs() - page.viewFromMs(), qint64(1'800'000));
    // The next sample keeps following, at the zoomed width (it used to snap back to the hour).
    source.deliver(sampleAt(start + 7260 * 1000LL, 11));
    QVERIFY(page.isFollowLive());
    QCOMPARE(page.viewToMs(), start + 7260 * 1000LL);
    QCOMPARE(page.viewToMs() - page.viewFromMs(), qint64(1'800'000));
    // Choosing a range again returns to that range's width.
    page.setTimeRange(MonitorPage::TimeRange::OneHour);
    QCOMPARE(page.viewToMs() - page.viewFromMs(), qint64(3'600'000));
}

QTEST_MAIN(TestMonitorPage)
#include "tst_monitorpage.moc"

#include "data/history/historystore.h"
#include "data/settings.h"
#include "data/sim/simbrokersource.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/countertablemodel.h"
#include "ui/monitor/elidedlabel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/timechartwidget.h"
#include "support/manualsource.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bs;
using bs::test::ManualSource;

namespace {

MonitorSample sampleAt(qint64 timeMs, qint64 conversing)
{
    MonitorSample s;
    s.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    s.isBrokerEnabled = true;
    EndpointGroup g;
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

} // namespace

/// The monitor tab's widgets bound to its MonitorSession (whose logic tests/monitor covers): the
/// demo drawn, read out, toggled, exported as CSV and as a report with its alerts, and the
/// history's loading bar. The controls are in tst_monitorpagecontrols. Screenshots go to the
/// test-artifacts folder.
class TestMonitorPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void demoEndToEnd();
    void historyLoadingBar();

private:
    QTemporaryDir m_dir;
};

void TestMonitorPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
}

void TestMonitorPage::demoEndToEnd()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    source->setSpeed(SimBrokerSource::MaxSpeed);
    QSignalSpy loaded(source.get(), &BrokerSource::catalogLoaded);
    source->loadCatalog();
    QVERIFY(loaded.wait(5000));
    const BrokerCatalog catalog = loaded.first().first().value<BrokerCatalog>();
    Settings settings(m_dir.filePath(QStringLiteral("settings.ini")));
    auto page = std::make_unique<MonitorPage>(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path(), &settings);
    QSignalSpy healthSpy(page.get(), &MonitorPage::healthChanged);
    page->resize(1440, 900);
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));
    // The simulator samples on its own clock: 100 simulated seconds apart, 0.1 s of wall time at 1000x.
    page->setIntervalMs(100000);
    QCOMPARE(page->intervalMs(), 100000);
    // The leak alert of the naive pair reaches the panel, with a fix that can be saved.
    const auto naiveLeak = [&] {
        const QList<Alert> active = page->alertsPanel()->activeAlerts();
        return std::any_of(active.cbegin(), active.cend(), [](const Alert &a) {
            return a.kind == AlertKind::EndpointLeak && a.subject.contains(QStringLiteral("Naive"));
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(page->sampleCount() >= 15 && naiveLeak(), 15000);
    QVERIFY(page->alertsPanel()->logCount() >= 1);
    QVERIFY(page->alertsPanel()->saveFixTo(m_dir.filePath(QStringLiteral("fix.sql"))));
    QVERIFY(QFile(m_dir.filePath(QStringLiteral("fix.sql"))).size() > 0);
    // Health reaches the graph's side: a flagged service with its reason.
    QVERIFY(healthSpy.count() >= 1);
    const auto health = page->health();
    QVERIFY(std::any_of(health.cbegin(), health.cend(), [&](const auto &h) {
        return h.first.kind == ObjectKind::Service && h.second != NodeHealth::Normal && !page->healthReason(h.first).isEmpty();
    }));

    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    const QString piled = MonitorSeries::stateKey(EndpointState::DO); // what the naive pair piles up
    TimeChartWidget *chart = page->populationChart();
    QVERIFY(chart->drawnPointCount(piled) >= 2);
    QVERIFY(chart->drawnPointCount(piled) <= qsizetype(chart->plotWidth()) * 6 + 2);
    QVERIFY(page->queueChart()->lineKeys().size() >= 2);
    // The read-out shows the exact value of the newest sample.
    const TimeSeries &piledSeries = page->series().series(piled);
    const QString text = chart->readoutAt(piledSeries.lastTime());
    QVERIFY2(text.contains(QLocale().toString(qint64(piledSeries.valueAt(piledSeries.size() - 1)))), qPrintable(text));
    // Legend entries toggle series.
    chart->legendEntry(piled)->click();
    QVERIFY(!chart->isLineVisible(piled));
    QCOMPARE(chart->drawnPointCount(piled), qsizetype(0));
    chart->legendEntry(piled)->click();
    QVERIFY(chart->drawnPointCount(piled) > 0);
    // Time ranges, and follow-live stopping when the user pans back.
    page->setTimeRange(MonitorPage::TimeRange::FiveMinutes);
    QCOMPARE(page->viewToMs() - page->viewFromMs(), qint64(5 * 60'000));
    QCOMPARE(chart->toMs() - chart->fromMs(), qint64(5 * 60'000));
    page->pan(-0.5);
    QVERIFY(!page->isFollowLive());
    page->setFollowLive(true);
    page->setTimeRange(MonitorPage::TimeRange::All);
    // Stacked areas draw the totals without the leak lines over them; the far-service breakdown
    // is labelled "local → far" without the path every service shares ("//BrokerStudio/").
    page->setPopulationMode(MonitorPage::PopulationMode::StackedArea);
    page->redrawNow();
    QVERIFY(chart->drawnPointCount(piled) > 0);
    QVERIFY(!chart->lineKeys().contains(QStringLiteral("endpoints.leaked")));
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-stacked.png")));
    page->setFarServiceBreakdown(true);
    page->redrawNow();
    const QString farInitiator = MonitorSeries::farServiceKey(QStringLiteral("//BrokerStudio/Naive/Initiator"));
    QVERIFY(chart->legendEntry(farInitiator));
    QCOMPARE(chart->legendEntry(farInitiator)->text(), QStringLiteral("Naive/Target → Naive/Initiator"));
    QCoreApplication::processEvents(); // the legend's new height is laid out before the picture
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-farservice.png")));
    page->setFarServiceBreakdown(false);
    page->setPopulationMode(MonitorPage::PopulationMode::Lines);

    // CSV of the visible range: header, one row per sample, a column per series and counter.
    source->stopSampling();
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    QString error;
    QVERIFY2(page->exportTo(m_dir.filePath(QStringLiteral("monitor.csv")), &error), qPrintable(error));
    QFile csv(m_dir.filePath(QStringLiteral("monitor.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList header = lines.first().split(QLatin1Char(','));
    QCOMPARE(header.first(), QStringLiteral("time_utc"));
    for (const char *column : {"endpoints.total", "endpoints.leaked", "transmission.size"})
        QVERIFY2(header.contains(QLatin1String(column)), column);
    QVERIFY(std::any_of(header.cbegin(), header.cend(), [](const QString &h) { return h.startsWith(u"counter.Broker Statistics/"_qs); }));
    const TimeSeries &total = page->series().series(QStringLiteral("endpoints.total"));
    QCOMPARE(lines.size() - 1, total.size());
    const QStringList last = lines.last().split(QLatin1Char(','));
    QCOMPARE(last.size(), header.size());
    QVERIFY(QDateTime::fromString(last.first(), Qt::ISODateWithMs).isValid());
    QCOMPARE(last.at(header.indexOf(QStringLiteral("endpoints.total"))).toDouble(), total.valueAt(total.size() - 1));
    // The report: white page, wider and taller than the charts, the source in its title, legends
    // and the alerts of the range as text (drawn, not a pasted screenshot).
    QVERIFY2(page->exportTo(m_dir.filePath(QStringLiteral("charts.png")), &error), qPrintable(error));
    QVERIFY2(page->exportTo(m_dir.filePath(QStringLiteral("charts.svg")), &error), qPrintable(error));
    const QImage report(m_dir.filePath(QStringLiteral("charts.png")));
    QCOMPARE(report.pixelColor(2, report.height() - 2), QColor(Qt::white));
    QVERIFY(report.height() > page->populationChart()->height());
    report.save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitor-export.png"));
    QFile svg(m_dir.filePath(QStringLiteral("charts.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString svgText = QString::fromUtf8(svg.readAll());
    for (const QString &part : {u"<svg"_qs, u"<title>Demo broker"_qs, u"Never expire"_qs, u"Alerts active in this range"_qs})
        QVERIFY2(svgText.contains(part), qPrintable(part));
    const QList<Alert> active = page->alertsPanel()->activeAlerts();
    for (const Alert &a : active)
        QVERIFY2(svgText.contains(a.title.toHtmlEscaped()), qPrintable(a.title));
    QVERIFY(!svgText.contains(u"<image"_qs));
    // Less data than an hour: the view starts at the first sample instead of the hour's start.
    page->setTimeRange(MonitorPage::TimeRange::OneHour);
    QCOMPARE(page->viewFromMs(), total.firstTime());
    QCOMPARE(page->viewToMs(), std::max(total.lastTime(), total.firstTime() + 5 * 60'000));
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    // Tables: counters in their own tab; every queue of the demo without scrolling; the status
    // line whole, never cut to its first letter.
    QVERIFY(page->counterModel()->rowCount() > 0);
    QCOMPARE(page->tableTabs()->tabText(3), QStringLiteral("Counters"));
    auto *status = page->findChild<ElidedLabel *>(QStringLiteral("monitorStatus"));
    QVERIFY(status && status->text().startsWith(QStringLiteral("Last sample")));
    QCOMPARE(status->elidedText(), status->text());
    page->tableTabs()->setCurrentIndex(1);
    QTableView *queueView = page->queuePanel()->view();
    const int queueRows = queueView->model()->rowCount();
    QCOMPARE(queueRows, int(catalog.queues.size()));
    QTRY_VERIFY(queueView->rowViewportPosition(queueRows - 1) + queueView->rowHeight(queueRows - 1)
                <= queueView->viewport()->height());
    QVERIFY(queueView->columnWidth(QueueTableModel::Monitor)
            >= queueView->fontMetrics().horizontalAdvance(queueMonitorStateText(QueueMonitorState::ReceivesOccurring)));
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-queues.png")));
    page->tableTabs()->setCurrentIndex(3);
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-counters.png")));
    page->tableTabs()->setCurrentIndex(0);
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage.png")));
    // Reopened: the tables show the newest stored sample at once; the interval is remembered.
    const qsizetype samplesBefore = total.size(); // `total` lives in the page being closed
    page.reset();
    MonitorPage reopened(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path(), &settings);
    source->stopSampling();
    QVERIFY(reopened.endpointModel()->rowCount() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isLoadingHistory(), 10000);
    QCOMPARE(reopened.intervalMs(), 100000);
    QCOMPARE(reopened.series().series(QStringLiteral("endpoints.total")).size(), samplesBefore);
}

void TestMonitorPage::historyLoadingBar()
{
    {
        HistoryStore store;
        QVERIFY(store.open(HistoryStore::pathForProfile(QStringLiteral("big"), m_dir.path())));
        QList<MonitorSample> samples;
        const qint64 endMs = QDateTime::currentMSecsSinceEpoch() - 60'000;
        for (qsizetype i = 0; i < 8000; ++i)
            samples.append(sampleAt(endMs - (7999 - i) * 5000, 100 + i));
        QVERIFY(store.append(samples));
    }
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("load.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QStringLiteral("big"), nullptr, m_dir.path(), &settings);
    QSignalSpy finished(&page, &MonitorPage::historyLoadFinished);
    page.resize(1280, 800);
    page.show();
    // The constructor returned before the history was read: the page says so and offers Cancel.
    QVERIFY(page.isLoadingHistory());
    auto *bar = page.findChild<QWidget *>(QStringLiteral("historyLoading"));
    QVERIFY(bar && bar->isVisible());
    const QList<QLabel *> labels = bar->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                        [](QLabel *l) { return l->text().startsWith(QStringLiteral("Loading history since ")); }));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("cancelHistoryLoad")));
    QVERIFY(page.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage-loading.png")));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoadingHistory(), 15000);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!bar->isVisible());
    QCOMPARE(page.series().series(QStringLiteral("endpoints.total")).size(), qsizetype(8000));
    // Cancel drops the load and says so: the button reaches the session.
    MonitorPage cancelled(&source, BrokerCatalog{}, QStringLiteral("big"), nullptr, m_dir.path(), &settings);
    QSignalSpy stopped(&cancelled, &MonitorPage::historyLoadFinished);
    cancelled.findChild<QPushButton *>(QStringLiteral("cancelHistoryLoad"))->click();
    QVERIFY(!cancelled.isLoadingHistory());
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(stopped.first().first().toBool(), false);
}

QTEST_MAIN(TestMonitorPage)
#include "tst_monitorpage.moc"

#include "core/alerts/alert.h"
#include "data/sim/simbrokersource.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/timechartwidget.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bs;

/// The monitor tab on the demo simulation: sampling, series, the leak alert, legend toggling,
/// time ranges, exports, health for the graph, history on reopen, and a screenshot.
class TestMonitorPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void demoEndToEnd();
    void intervalIsClamped();

private:
    static BrokerCatalog loadCatalog(BrokerSource *source);
    QTemporaryDir m_dir;
};

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

    auto page = std::make_unique<MonitorPage>(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path());
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
    QFile svg(m_dir.filePath(QStringLiteral("charts.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));

    page->setTimeRange(MonitorPage::TimeRange::OneHour);
    QCOMPARE(page->viewToMs() - page->viewFromMs(), qint64(3'600'000));
    page->setTimeRange(MonitorPage::TimeRange::All);
    page->redrawNow();
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(page->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/monitorpage.png")));

    // Reopening the profile shows its history (series and alert log) before any new sample.
    const qsizetype stored = page->series().series(QStringLiteral("endpoints.total")).size();
    const int logged = page->alertsPanel()->logCount();
    page.reset();
    MonitorPage reopened(source.get(), catalog, QStringLiteral("demo"), nullptr, m_dir.path());
    source->stopSampling();
    QCOMPARE(reopened.series().series(QStringLiteral("endpoints.total")).size(), stored);
    QCOMPARE(reopened.alertsPanel()->logCount(), logged);
    QVERIFY(reopened.endpointModel()->rowCount() > 0);
}

void TestMonitorPage::intervalIsClamped()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    MonitorPage page(source.get(), BrokerCatalog{}, QString());
    QCOMPARE(page.intervalMs(), 1000);
    page.setIntervalMs(1);
    QCOMPARE(page.intervalMs(), MonitorPage::MinSimulationIntervalMs);
    page.setIntervalMs(24 * 3600 * 1000);
    QCOMPARE(page.intervalMs(), MonitorPage::MaxIntervalMs);
}

QTEST_MAIN(TestMonitorPage)
#include "tst_monitorpage.moc"

#include "core/series/serieskey.h"
#include "data/settings.h"
#include "ui/bannerwidget.h"
#include "ui/monitor/elidedlabel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/preferencesdialog.h"
#include "support/manualsource.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace bs;

namespace {

/// A server-like source that counts "Census now" requests and reports its pacing on demand.
class CensusSource : public test::ManualSource
{
public:
    CensusSource() : ManualSource(QStringLiteral("census")) {}
    void setSamplingPolicy(const SamplingPolicy &p) override { policy = p; }
    void requestCensus() override { ++censusRequests; }
    void pace(qint64 chosen, qint64 effective, qint64 round) { Q_EMIT samplingPaced(chosen, effective, round); }
    int censusRequests = 0;
    SamplingPolicy policy;
};

MonitorSample censusSample(const QDateTime &time, qint64 closed)
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
    s.totals.endpoints = closed;
    s.totals.transmission = 0;
    s.isCensus = true;
    s.lastCensus = time;
    return s;
}

/// A sample between censuses, as CensusScheduler makes it: totals only, the breakdown not due.
MonitorSample totalsSample(const QDateTime &time, qint64 total, const QDateTime &lastCensus)
{
    MonitorSample s;
    s.time = time;
    s.isBrokerEnabled = true;
    s.totals.endpoints = total;
    s.totals.transmission = 12;
    s.isCensus = false;
    s.lastCensus = lastCensus;
    for (const char *part : {"monitor.endpoints", "monitor.transmission"})
        s.unavailable.append({QLatin1String(part), QStringLiteral("Breakdown not read this sample"), QString(), true});
    return s;
}

} // namespace

/// The monitor tab's side of issue #13, offscreen with the real widgets: "Census now", the
/// "Last sample" label's tooltip (census rule, time share), the cheap total drawn between
/// censuses without a warning banner, and the Preferences fields of the sampling policy.
class TestCensusUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void censusNowAsksTheSource();
    void lastSampleToolTipAndTotalsBetweenCensuses();
    void preferencesEditThePolicy();

private:
    QTemporaryDir m_dir;
};

void TestCensusUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
}

void TestCensusUi::censusNowAsksTheSource()
{
    CensusSource source;
    Settings settings(m_dir.filePath(QStringLiteral("census-now.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QString(), nullptr, m_dir.path(), &settings);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *button = page.findChild<QToolButton *>(QStringLiteral("censusNow"));
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QVERIFY(button->toolTip().contains(QLatin1String("scans the whole table")));
    QCOMPARE(source.censusRequests, 0);
    button->click();
    QCOMPARE(source.censusRequests, 1);
    // The page handed the saved policy to the source before sampling.
    QCOMPARE(source.policy.censusSmallTableRows, SamplingPolicy::DefaultCensusSmallTableRows);
}

void TestCensusUi::lastSampleToolTipAndTotalsBetweenCensuses()
{
    CensusSource source;
    Settings settings(m_dir.filePath(QStringLiteral("census-tooltip.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QString(), nullptr, m_dir.path(), &settings);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *status = page.findChild<ElidedLabel *>(QStringLiteral("monitorStatus"));
    QVERIFY(status);

    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-600);
    source.deliver(censusSample(t0, 2000000));
    QTRY_VERIFY(status->text().contains(QLatin1String("census")));
    QVERIFY2(status->toolTip().contains(QLatin1String("carries the full census")), qPrintable(status->toolTip()));

    // Ten samples of totals only, growing; then the time share stretched the interval.
    for (int i = 1; i <= 10; ++i)
        source.deliver(totalsSample(t0.addSecs(5 * i), 2000000 + i * 1000, t0));
    source.pace(5000, 12000, 1200);
    QTRY_VERIFY(!status->text().contains(QLatin1String("census")));
    const QString tip = status->toolTip();
    QVERIFY2(tip.contains(QLatin1String("totals from partition metadata only; last census:")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("every sample up to 100,000 rows")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("Sampling every 12 s: the last sample took 1.2 s on the server")), qPrintable(tip));
    QVERIFY2(tip.contains(QLatin1String("at most 10 %")), qPrintable(tip));

    // The total line goes on with the cheap total; the breakdown is not a failure: no banner.
    const TimeSeries &total = page.series().series(SeriesKey::endpointsTotal().toString());
    QVERIFY(total.size() >= 11);
    QCOMPARE(total.valueAt(total.size() - 1), 2010000.0);
    QCOMPARE(total.valueAt(0), 2000000.0);
    // The endpoint table keeps the last census, and says when it was.
    QCOMPARE(page.endpointModel()->rowCount(QModelIndex()), 1);
    QVERIFY(!page.endpointPanel()->isTableHidden());
    QVERIFY2(page.endpointPanel()->noticeText().contains(QLatin1String("Breakdown not read this sample")),
             qPrintable(page.endpointPanel()->noticeText()));
    auto *banner = page.findChild<BannerWidget *>();
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    page.redrawNow();
    QVERIFY(page.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/census-monitor.png")));

    // A part that really failed still raises the banner.
    MonitorSample denied = totalsSample(t0.addSecs(60), 2011000, t0);
    denied.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"),
                               QStringLiteral("VIEW SERVER STATE"), false});
    source.deliver(denied);
    QTRY_VERIFY(banner->isVisible());
}

void TestCensusUi::preferencesEditThePolicy()
{
    Settings settings(m_dir.filePath(QStringLiteral("census-prefs.ini")));
    PreferencesDialog dialog(&settings);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.censusRowsEditor()->value(), 100000);
    QCOMPARE(dialog.timeShareEditor()->value(), 10);
    QVERIFY2(dialog.censusRuleLabel()->text().contains(QLatin1String("at 1,000,000 rows: every 50 s")),
             qPrintable(dialog.censusRuleLabel()->text()));
    QVERIFY(dialog.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/census-preferences.png")));
    dialog.censusRowsEditor()->setValue(1000000);
    QVERIFY2(dialog.censusRuleLabel()->text().contains(QLatin1String("at 1,000,000 rows: every 5 s")),
             qPrintable(dialog.censusRuleLabel()->text()));
    dialog.timeShareEditor()->setValue(25);
    dialog.buttons()->button(QDialogButtonBox::Apply)->click();
    QCOMPARE(settings.samplingPolicy().censusSmallTableRows, 1000000);
    QCOMPARE(settings.samplingPolicy().serverTimeSharePercent, 25);
    // Saved under the documented keys, read back by a second Settings on the same file.
    Settings again(m_dir.filePath(QStringLiteral("census-prefs.ini")));
    QCOMPARE(again.samplingPolicy().serverTimeSharePercent, 25);
    dialog.restoreDefaults();
    QCOMPARE(dialog.timeShareEditor()->value(), SamplingPolicy::DefaultServerTimeSharePercent);
}

QTEST_MAIN(TestCensusUi)
#include "tst_censusui.moc"

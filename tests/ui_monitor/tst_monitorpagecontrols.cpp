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

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QToolButton>
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

/// The monitor tab's controls: the toolbar drives the page, choices are remembered per profile
/// and thresholds follow Settings, the charts' keys stay out of text fields, zoom while following
/// live keeps its width, and the hover read-out follows the data that scrolls under the mouse.
class TestMonitorPageControls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void choicesAreRememberedAndThresholdsFollow();
    void toolbarDrivesThePage();
    void chartKeysStayOutOfTextFields();
    void zoomWhileFollowingLiveSticks();
    void readoutFollowsScrollingData();

private:
    QTemporaryDir m_dir;
};

void TestMonitorPageControls::choicesAreRememberedAndThresholdsFollow()
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


void TestMonitorPageControls::toolbarDrivesThePage()
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


void TestMonitorPageControls::chartKeysStayOutOfTextFields()
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


void TestMonitorPageControls::zoomWhileFollowingLiveSticks()
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

void TestMonitorPageControls::readoutFollowsScrollingData()
{
    // The mouse rests on the chart while following live: each new sample scrolls the data under
    // it, and the read-out says what is under the cursor now, not what was there before.
    ManualSource source;
    Settings settings(m_dir.filePath(QStringLiteral("readout.ini")));
    MonitorPage page(&source, BrokerCatalog{}, QString(), nullptr, m_dir.path(), &settings);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setTimeRange(MonitorPage::TimeRange::FiveMinutes);
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    for (int i = 0; i < 120; ++i)
        source.deliver(sampleAt(t0 + i * 5000, 1000 + i));
    page.redrawNow();
    TimeChartWidget *chart = page.populationChart();
    QWidget *viewport = chart->findChild<QWidget *>(QStringLiteral("chartReadout"))->parentWidget();
    const QPoint middle = viewport->mapFrom(chart, chart->plotRect().center());
    QMouseEvent move(QEvent::MouseMove, middle, viewport->mapToGlobal(middle), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    const QString before = chart->visibleReadout();
    QVERIFY2(!before.isEmpty(), "the read-out shows under the mouse");
    for (int i = 120; i < 180; ++i)
        source.deliver(sampleAt(t0 + i * 5000, 1000 + i));
    page.redrawNow();
    const QString after = chart->visibleReadout();
    QVERIFY(!after.isEmpty());
    QVERIFY2(after != before, qPrintable(after));
    // It reads the sample now under the cursor: the middle of the new view, give or take the
    // sample next to it (a pixel is about a second, samples are five seconds apart).
    const qint64 mid = (chart->fromMs() + chart->toMs()) / 2;
    QStringList candidates;
    for (qint64 t : {mid - 5000, mid, mid + 5000})
        candidates.append(chart->readoutAt(t));
    QVERIFY2(candidates.contains(after), qPrintable(after));
}

QTEST_MAIN(TestMonitorPageControls)
#include "tst_monitorpagecontrols.moc"

#include "core/samplecatalog.h"
#include "core/sim/scenarioloader.h"
#include "data/sim/simbrokersource.h"
#include "data/staticbrokersource.h"
#include "ui/bannerwidget.h"
#include "ui/explorer/explorermodel.h"
#include "ui/explorer/explorerwidget.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphnodeitem.h"
#include "ui/mainwindow.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/timechartwidget.h"
#include "ui/propertieswidget.h"
#include "ui/scenariodialog.h"
#include "ui/simcontrolsbar.h"

#include <QAction>
#include <QDate>
#include <QDir>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace bs;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sampleCatalogInTreeGraphAndProperties();
    void demoIsALiveSimulation();
    void openingTwiceShowsTheOpenTab();
    void scenarioFileErrorsLoseNothing();
    void closingMonitorClearsHealthAndViewMonitorReopens();
    void simulationToolbarFollowsTheTab();
    void exportAndZoomActOnTheCurrentTab();
};

namespace {

QModelIndex childFor(QAbstractItemModel *model, const QModelIndex &parent, const ObjectRef &ref)
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(ExplorerModel::ObjectRefRole).value<ObjectRef>() == ref)
            return i;
    }
    return {};
}

void saveArtifact(QWidget &w, const QString &name)
{
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(w.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/") + name));
}

MonitorPage *pageOf(MainWindow &w, const BrokerSource *source)
{
    for (int i = 0; i < w.tabs()->count(); ++i) {
        auto *page = qobject_cast<MonitorPage *>(w.tabs()->widget(i));
        if (page && page->source() == source)
            return page;
    }
    return nullptr;
}

int monitorHealthCount(BrokerGraphView *graph)
{
    int n = 0;
    for (GraphNodeItem *item : graph->nodeItems())
        n += item->health() != NodeHealth::Normal ? 1 : 0;
    return n;
}

} // namespace

void TestMainWindow::initTestCase()
{
    // Settings of this test must not touch the user's.
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::sampleCatalogInTreeGraphAndProperties()
{
    MainWindow w;
    QSignalSpy shown(&w, &MainWindow::catalogShown);
    BrokerGraphView *graph = w.graphPage()->view();
    QSignalSpy laidOut(graph, &BrokerGraphView::layoutFinished);
    w.openSource(new StaticBrokerSource(sampleCatalog(), u"Sample"_qs));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 5000);

    // The tree shows the whole sample catalog.
    const BrokerCatalog sample = sampleCatalog();
    QTreeView *tree = w.explorer()->view();
    QAbstractItemModel *model = tree->model();
    const QModelIndex db = model->index(0, 0);
    QCOMPARE(db.data().toString(), sample.database.databaseName);
    QCOMPARE(model->rowCount(db), 6);
    const QModelIndex queues = model->index(2, 0, db);
    QCOMPARE(queues.data().toString(), QStringLiteral("Queues (%1)").arg(sample.queues.size()));
    QCOMPARE(model->rowCount(queues), sample.queues.size());

    // The graph: one node per service, queue, contract, message type, activation procedure and route
    // target; the remote billing service has no local service, so it gets a node of its own.
    QTRY_VERIFY_WITH_TIMEOUT(!laidOut.isEmpty(), 10000);
    QVERIFY2(laidOut.last().at(0).toBool(), qPrintable(laidOut.last().at(1).toString()));
    int activated = 0;
    for (const Queue &q : sample.queues)
        activated += q.hasActivation() ? 1 : 0;
    const int minimumNodes = int(sample.services.size() + sample.queues.size() + sample.contracts.size()
                                 + sample.messageTypes.size()) + activated;
    QVERIFY2(graph->nodeItems().size() >= minimumNodes,
             qPrintable(QStringLiteral("%1 nodes, expected at least %2").arg(graph->nodeItems().size()).arg(minimumNodes)));
    QVERIFY(!graph->edgeItems().isEmpty());

    // Selecting the poisoned queue in the tree shows its properties and selects it in the graph.
    const Queue &audit = sample.queues[3];
    QVERIFY(!audit.isReceiveEnabled);
    const ObjectRef auditRef{ObjectKind::Queue, audit.objectId};
    const QModelIndex auditRow = childFor(model, queues, auditRef);
    QVERIFY(auditRow.isValid());
    QVERIFY(auditRow.data().toString().contains(u"DISABLED"_qs));
    tree->setCurrentIndex(auditRow);
    QCOMPARE(w.properties()->currentObject(), auditRef);
    QVERIFY(w.properties()->titleText().contains(u"AuditQueue"_qs));
    QCOMPARE(w.properties()->valueOf(u"is_receive_enabled"_qs), u"no"_qs);
    QVERIFY(w.properties()->helpOf(u"is_receive_enabled"_qs).contains(u"poison"_qs));
    QVERIFY(w.properties()->valueOf(u"in words"_qs).contains(u"DISABLED"_qs));
    QCOMPARE(graph->selectedObject(), auditRef);

    // Selecting a node in the graph selects it in the tree and shows its properties.
    const ObjectRef target{ObjectKind::Service, 65537};
    GraphNodeItem *node = graph->nodeItem(target);
    QVERIFY(node);
    graph->scene()->clearSelection();
    node->setSelected(true);
    QTRY_COMPARE(w.properties()->currentObject(), target);
    QCOMPARE(tree->currentIndex().data(ExplorerModel::ObjectRefRole).value<ObjectRef>(), target);
    QVERIFY(w.properties()->titleText().contains(u"//Contoso/Orders/Target"_qs));

    // The sample has the broker enabled: no broker banner; it is not a simulation: no sim controls.
    QVERIFY(w.brokerBanner()->isHidden());
    saveArtifact(w, u"mainwindow-sample.png"_qs);
}

void TestMainWindow::demoIsALiveSimulation()
{
    MainWindow w;
    QSignalSpy shown(&w, &MainWindow::catalogShown);
    w.openDemo();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 5000);
    QVERIFY(w.source()->isSimulation());
    QVERIFY(qobject_cast<SimBrokerSource *>(w.source()));
    QVERIFY(w.simControls()->isVisible());
    QVERIFY(w.catalog().services.size() >= 4);
    // Pause and resume through the toolbar.
    auto *sim = qobject_cast<SimBrokerSource *>(w.source());
    w.simControls()->pauseAction()->trigger();
    QVERIFY(sim->isPaused());
    w.simControls()->pauseAction()->trigger();
    QVERIFY(!sim->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(!w.graphPage()->view()->nodeItems().isEmpty(), 10000);
    QTest::qWait(0);
    saveArtifact(w, u"mainwindow.png"_qs);

    // The demo is monitored in its own tab, and the monitor's health reaches the graph.
    MonitorPage *monitor = w.monitorPage();
    QVERIFY(monitor);
    QCOMPARE(monitor->source(), w.source());
    QVERIFY(w.tabs()->indexOf(monitor) > 0);
    sim->setSpeed(SimBrokerSource::MaxSpeed);
    QTRY_VERIFY_WITH_TIMEOUT(monitor->sampleCount() >= 5, 15000);
    w.tabs()->setCurrentWidget(monitor);
    monitor->redrawNow();
    saveArtifact(w, u"mainwindow-monitor.png"_qs);

    // Opening another source keeps the demo's monitor tab; closing it stops that monitoring.
    const int tabsBefore = w.tabs()->count();
    w.openSource(new StaticBrokerSource(sampleCatalog(), u"Sample"_qs));
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage() != nullptr, 5000);
    QCOMPARE(w.tabs()->count(), tabsBefore + 1);
    QPointer<MonitorPage> old = monitor;
    emit w.tabs()->tabCloseRequested(w.tabs()->indexOf(monitor));
    QTRY_VERIFY(old.isNull());
    QCOMPARE(w.tabs()->count(), tabsBefore);
    // The graph tab cannot be closed.
    emit w.tabs()->tabCloseRequested(0);
    QCOMPARE(w.tabs()->count(), tabsBefore);
}

void TestMainWindow::openingTwiceShowsTheOpenTab()
{
    MainWindow w;
    QSignalSpy shown(&w, &MainWindow::catalogShown);
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    BrokerSource *demo = w.source();
    MonitorPage *demoPage = w.monitorPage();
    QCOMPARE(w.historyKeyOf(demo), u"demo"_qs);

    QString error;
    QVERIFY2(w.openScenario(u"poison"_qs, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage() && w.monitorPage() != demoPage, 5000);
    BrokerSource *poison = w.source();
    QVERIFY(poison->displayName().contains(u"Poison"_qs));
    QCOMPARE(w.historyKeyOf(poison), u"scenario-poison"_qs);
    const int tabs = w.tabs()->count();
    QCOMPARE(tabs, 3);

    // The demo again: its tab comes to the front, nothing new opens.
    w.openDemo();
    QCOMPARE(w.tabs()->count(), tabs);
    QCOMPARE(w.tabs()->currentWidget(), demoPage);
    // Its tab in front makes it the current source again: explorer, graph and title show it.
    QCOMPARE(w.source(), demo);
    QCOMPARE(w.catalog().database.databaseName, u"SalesOpsDemo"_qs);
    QVERIFY(w.windowTitle().startsWith(demo->displayName()));
    // The same shipped scenario again: the same.
    QVERIFY(w.openScenario(u"poison"_qs));
    QCOMPARE(w.tabs()->count(), tabs);
    QCOMPARE(w.tabs()->currentWidget(), pageOf(w, poison));
    QCOMPARE(w.source(), poison);

    // A copy of the scenario in a file is another source: its own tab and its own history file.
    QTemporaryDir dir;
    const QString copy = dir.filePath(u"poison.json"_qs);
    QVERIFY(QFile::copy(u":/scenarios/poison.json"_qs, copy));
    QVERIFY2(w.openScenario(copy, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage() && w.source() != poison, 5000);
    QCOMPARE(w.tabs()->count(), tabs + 1);
    QCOMPARE(w.historyKeyOf(w.source()), u"scenario-poison-2"_qs);
    const QString copyTab = w.tabs()->tabText(w.tabs()->indexOf(w.monitorPage()));
    QVERIFY2(copyTab.contains(u"#2"_qs), qPrintable(copyTab));
    QVERIFY(!w.tabs()->tabText(w.tabs()->indexOf(pageOf(w, poison))).contains(u"#"_qs));
    QVERIFY(w.monitorPage()->historyPath() != pageOf(w, poison)->historyPath());
    QVERIFY(pageOf(w, poison)->historyPath() != demoPage->historyPath());
    QVERIFY(w.openScenario(copy));
    QCOMPARE(w.tabs()->count(), tabs + 1);
}

void TestMainWindow::scenarioFileErrorsLoseNothing()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"bad.json"_qs);
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"format\": \"broker-studio-scenario\",\n  \"version\": 1,\n  \"name\": oops\n}\n");
    f.close();

    MainWindow w;
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    BrokerSource *demo = w.source();
    const int tabs = w.tabs()->count();
    QString error;
    QVERIFY(!w.openScenario(bad, &error));
    QVERIFY2(error.contains(u"line 4"_qs) && error.contains(u"column"_qs), qPrintable(error));
    QCOMPARE(w.source(), demo);
    QCOMPARE(w.tabs()->count(), tabs);

    // The dialog lists every shipped scenario, shows the loader's error and stays open.
    ScenarioDialog dialog(&w);
    QCOMPARE(dialog.list()->count(), sim::ScenarioLoader::builtInNames().size());
    QStringList names;
    for (int i = 0; i < dialog.list()->count(); ++i)
        names << dialog.list()->item(i)->text();
    QVERIFY2(names.contains(u"Poison message disables a queue"_qs), qPrintable(names.join(u'|')));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.choose(bad));
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(u"line 4"_qs), qPrintable(dialog.errorText()));
    saveArtifact(dialog, u"scenario-dialog-error.png"_qs);
    QVERIFY(dialog.choose(u"lost-errors"_qs));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.chosenPath(), u"lost-errors"_qs);
    QVERIFY(dialog.errorText().isEmpty());
}

void TestMainWindow::closingMonitorClearsHealthAndViewMonitorReopens()
{
    MainWindow w;
    w.openDemo();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    BrokerGraphView *graph = w.graphPage()->view();
    QTRY_VERIFY_WITH_TIMEOUT(!graph->nodeItems().isEmpty(), 10000);
    // What the monitor's healthChanged does; the demo catalog itself is healthy.
    QCOMPARE(monitorHealthCount(graph), 0);
    const ObjectRef queue{ObjectKind::Queue, w.catalog().queues.constFirst().objectId};
    graph->setHealth(queue, NodeHealth::Warning, u"growing"_qs);
    QCOMPARE(monitorHealthCount(graph), 1);

    QPointer<MonitorPage> page = w.monitorPage();
    emit w.tabs()->tabCloseRequested(w.tabs()->indexOf(page));
    QTRY_VERIFY(page.isNull());
    QVERIFY(!w.monitorPage());
    QCOMPARE(monitorHealthCount(graph), 0);
    // The source stays open; a sim restart (a new catalog) does not bring the tab back by itself.
    auto *sim = qobject_cast<SimBrokerSource *>(w.source());
    QVERIFY(sim);
    QSignalSpy shown(&w, &MainWindow::catalogShown);
    sim->restart();
    QTRY_COMPARE(shown.count(), 1);
    QVERIFY(!w.monitorPage());

    // View > Monitor reopens it (Ctrl+M) and puts it in front; the same history key.
    QCOMPARE(w.monitorAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    w.tabs()->setCurrentWidget(w.graphPage());
    w.monitorAction()->trigger();
    QVERIFY(w.monitorPage());
    QCOMPARE(w.tabs()->currentWidget(), w.monitorPage());
    QCOMPARE(w.historyKeyOf(w.source()), u"demo"_qs);
    w.monitorAction()->trigger();
    QCOMPARE(w.tabs()->count(), 2);
}

void TestMainWindow::simulationToolbarFollowsTheTab()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    auto *demo = qobject_cast<SimBrokerSource *>(w.source());
    QVERIFY(w.openScenario(u"poison"_qs));
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage() && w.source() != demo, 5000);
    auto *poison = qobject_cast<SimBrokerSource *>(w.source());
    QVERIFY(poison);
    QCOMPARE(w.simControls()->source(), poison);

    // On the demo's monitor tab the toolbar pauses the demo, not the newer scenario.
    w.tabs()->setCurrentWidget(pageOf(w, demo));
    QCOMPARE(w.simControls()->source(), demo);
    w.simControls()->pauseAction()->trigger();
    QVERIFY(demo->isPaused());
    QVERIFY(!poison->isPaused());
    QVERIFY(w.simControls()->clockText().contains(
        demo->simulatedTime().toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_qs)));
    QCOMPARE(w.source(), demo);
    QCOMPARE(w.catalog().database.databaseName, u"SalesOpsDemo"_qs);
    saveArtifact(w, u"mainwindow-two-simulations.png"_qs);

    // Closing the scenario's tab: the remaining tab in front and the toolbar agree.
    w.tabs()->setCurrentWidget(pageOf(w, poison));
    QCOMPARE(w.simControls()->source(), poison);
    emit w.tabs()->tabCloseRequested(w.tabs()->indexOf(pageOf(w, poison)));
    auto *front = qobject_cast<MonitorPage *>(w.tabs()->currentWidget());
    const BrokerSource *expected = front ? front->source() : w.source();
    QCOMPARE(w.simControls()->source(), expected);
    w.tabs()->setCurrentWidget(pageOf(w, demo));
    QCOMPARE(w.simControls()->source(), demo);
}

void TestMainWindow::exportAndZoomActOnTheCurrentTab()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    MonitorPage *monitor = w.monitorPage();
    monitor->setIntervalMs(MonitorPage::MinSimulationIntervalMs);
    qobject_cast<SimBrokerSource *>(w.source())->setSpeed(SimBrokerSource::MaxSpeed);
    QTRY_VERIFY_WITH_TIMEOUT(monitor->sampleCount() >= 5, 10000);
    BrokerGraphView *graph = w.graphPage()->view();
    QTRY_VERIFY_WITH_TIMEOUT(!graph->nodeItems().isEmpty(), 10000);

    // One Export action (Ctrl+E) for the window; the graph's own button goes through it.
    QCOMPARE(w.exportAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(!graph->exportAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_E)));
    // (No second dialog: the button no longer reaches the graph's own export dialog.)
    QVERIFY(!QObject::disconnect(graph->exportAction(), &QAction::triggered, graph, &BrokerGraphView::exportWithDialog));
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);

    QTemporaryDir dir;
    w.tabs()->setCurrentWidget(w.graphPage());
    QCOMPARE(w.suggestedExportPath(u"svg"_qs), QDir(docs).filePath(u"SalesOpsDemo-graph-"_qs + today + u".svg"_qs));
    QVERIFY(w.exportCurrentTabTo(dir.filePath(u"g.svg"_qs)));
    QFile svg(dir.filePath(u"g.svg"_qs));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));

    w.tabs()->setCurrentWidget(monitor);
    QCOMPARE(w.suggestedExportPath(u"csv"_qs), QDir(docs).filePath(u"SalesOpsDemo-monitor-"_qs + today + u".csv"_qs));
    QString error;
    QVERIFY2(w.exportCurrentTabTo(dir.filePath(u"m.csv"_qs), &error), qPrintable(error));
    QFile csv(dir.filePath(u"m.csv"_qs));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("time_utc"));

    // Ctrl++ zooms the tab in front, wherever the focus is in it: no ambiguous binding.
    QTest::failOnWarning(QRegularExpression(u"Ambiguous"_qs));
    qobject_cast<SimBrokerSource *>(w.source())->pause();
    monitor->populationChart()->setFocus();
    const qint64 span = monitor->viewToMs() - monitor->viewFromMs();
    QTest::keyClick(monitor->populationChart(), Qt::Key_Plus, Qt::ControlModifier);
    // Half the span, give or take the millisecond that halving an odd span rounds away.
    QVERIFY2(qAbs(monitor->viewToMs() - monitor->viewFromMs() - span / 2) <= 1,
             qPrintable(QString::number(monitor->viewToMs() - monitor->viewFromMs()) + u" vs "_qs + QString::number(span)));
    w.tabs()->setCurrentWidget(w.graphPage());
    graph->setFocus();
    const qreal zoom = graph->zoomFactor();
    QTest::keyClick(graph, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(graph->zoomFactor() > zoom);
    w.explorer()->setFocus();
    QTest::keyClick(w.explorer(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(qAbs(graph->zoomFactor() - zoom) < 1e-6);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

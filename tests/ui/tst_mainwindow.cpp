#include "core/samplecatalog.h"
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
#include "ui/propertieswidget.h"
#include "ui/simcontrolsbar.h"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QTabWidget>
#include <QStandardPaths>
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

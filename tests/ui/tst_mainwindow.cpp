#include "core/samplecatalog.h"
#include "ui/bannerwidget.h"
#include "ui/explorer/explorermodel.h"
#include "ui/explorer/explorerwidget.h"
#include "ui/mainwindow.h"
#include "ui/propertieswidget.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace bs;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensOnDemoAndSelects();
};

void TestMainWindow::opensOnDemoAndSelects()
{
    MainWindow w;
    QSignalSpy shown(&w, &MainWindow::catalogShown);
    w.openDemo();
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 5000);

    // The tree shows the whole sample catalog.
    const BrokerCatalog sample = sampleCatalog();
    QTreeView *tree = w.explorer()->view();
    const QModelIndex db = tree->model()->index(0, 0);
    QCOMPARE(db.data().toString(), sample.database.databaseName);
    QCOMPARE(tree->model()->rowCount(db), 6);
    const QModelIndex queues = tree->model()->index(2, 0, db);
    QCOMPARE(queues.data().toString(), QStringLiteral("Queues (%1)").arg(sample.queues.size()));
    QCOMPARE(tree->model()->rowCount(queues), sample.queues.size());

    // Selecting the poisoned queue in the tree shows its properties.
    const Queue &audit = sample.queues[3];
    QVERIFY(!audit.isReceiveEnabled);
    QModelIndex auditRow;
    for (int r = 0; r < tree->model()->rowCount(queues); ++r) {
        const QModelIndex i = tree->model()->index(r, 0, queues);
        if (i.data(ExplorerModel::ObjectRefRole).value<ObjectRef>().id == audit.objectId)
            auditRow = i;
    }
    QVERIFY(auditRow.isValid());
    QVERIFY(auditRow.data().toString().contains(u"DISABLED"_qs));
    tree->setCurrentIndex(auditRow);
    QCOMPARE(w.properties()->currentObject(), (ObjectRef{ObjectKind::Queue, audit.objectId}));
    QVERIFY(w.properties()->titleText().contains(u"AuditQueue"_qs));
    const QList<QTreeWidgetItem *> rows = w.properties()->tree()->findItems(u"is_receive_enabled"_qs, Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()->text(1), u"no"_qs);
    QVERIFY(!rows.first()->toolTip(0).isEmpty());

    // Selecting from elsewhere (the graph) moves the tree.
    w.selectObject({ObjectKind::Service, 65537});
    QCOMPARE(tree->currentIndex().data(ExplorerModel::ObjectRefRole).value<ObjectRef>(),
             (ObjectRef{ObjectKind::Service, 65537}));
    QVERIFY(w.properties()->titleText().contains(u"//Contoso/Orders/Target"_qs));

    // The sample has the broker enabled: no broker banner.
    QVERIFY(w.brokerBanner()->isHidden());

    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(w.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/mainwindow.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

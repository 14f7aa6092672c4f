#include "core/samplecatalog.h"
#include "ui/explorer/explorermodel.h"
#include "ui/explorer/explorerwidget.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace bs;

class TestExplorerModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelTester();
    void printedTreeMatchesExpected();
    void oddNamesAndSharedObjects();
    void systemObjectsHiddenByDefault();
    void indexOfFindsOwnRow();
    void filterKeepsAncestors();
};

namespace {
QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}
} // namespace

void TestExplorerModel::modelTester()
{
    ExplorerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalog(sampleCatalog());
    model.setShowSystemObjects(true);
    model.setCatalog(BrokerCatalog{});
    model.setCatalog(sampleCatalog());
    QVERIFY(model.rowCount() == 1);
}

void TestExplorerModel::printedTreeMatchesExpected()
{
    ExplorerModel model;
    model.setCatalog(sampleCatalog());
    const QString expectedPath = QStringLiteral(BS_TEST_DATA_DIR "/ui/expected/sample-tree.txt");
    const QStringList actual = model.printTree();
    if (qEnvironmentVariableIsSet("BS_REGENERATE_GOLDEN")) {
        QFile f(expectedPath);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        f.write(actual.join(QLatin1Char('\n')).toUtf8() + '\n');
    }
    QCOMPARE(actual, readLines(expectedPath));
}

void TestExplorerModel::oddNamesAndSharedObjects()
{
    BrokerCatalog c = sampleCatalog();
    // A queue shared by two services and a contract used by several services.
    c.services[2].queueId = c.services[1].queueId;
    c.services[2].contractIds = c.services[1].contractIds;
    c.queues[0].name = QString(128, QChar(0x00DC)); // 128 × 'Ü'
    c.services[0].name = u"we]ird 'svc' ✓"_qs;
    ExplorerModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalog(c);
    const QStringList tree = model.printTree();
    QVERIFY(tree.contains(u"    we]ird 'svc' ✓"_qs));
    QVERIFY(tree.contains(QStringLiteral("    [dbo].[") + QString(128, QChar(0x00DC)) + QStringLiteral("]")));
    const QString sharedQueue = u"      on queue [dbo].[OrdersTargetQueue]"_qs;
    QCOMPARE(tree.count(sharedQueue), 2);
    QCOMPARE(tree.count(u"      accepts //Contoso/Orders/Contract"_qs), 2);
}

void TestExplorerModel::systemObjectsHiddenByDefault()
{
    BrokerCatalog c = sampleCatalog();
    c.messageTypes.append({2, u"http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog"_qs, {}, u"E"_qs, u"EMPTY"_qs, {}});
    c.contracts.append({6, u"DEFAULT"_qs, {}, {}});
    ExplorerModel model;
    model.setCatalog(c);
    QVERIFY(!model.printTree().join(QLatin1Char('\n')).contains(u"EndDialog"_qs));
    model.setShowSystemObjects(true);
    QVERIFY(model.printTree().contains(u"    http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog"_qs));
    QVERIFY(model.printTree().contains(u"    DEFAULT"_qs));
}

void TestExplorerModel::indexOfFindsOwnRow()
{
    ExplorerModel model;
    const BrokerCatalog c = sampleCatalog();
    model.setCatalog(c);
    for (const Queue &q : c.queues) {
        const QModelIndex idx = model.indexOf({ObjectKind::Queue, q.objectId});
        QVERIFY(idx.isValid());
        QVERIFY(!idx.data(ExplorerModel::IsReferenceRole).toBool());
        QCOMPARE(idx.data(ExplorerModel::ObjectRefRole).value<ObjectRef>(), (ObjectRef{ObjectKind::Queue, q.objectId}));
        QVERIFY(idx.data().toString().startsWith(q.qualifiedName()));
    }
    QVERIFY(!model.indexOf({ObjectKind::Queue, 42}).isValid());
}

void TestExplorerModel::filterKeepsAncestors()
{
    ExplorerWidget w;
    w.setCatalog(sampleCatalog());
    QSignalSpy spy(&w, &ExplorerWidget::objectSelected);
    w.filterEdit()->setText(u"audit"_qs);
    QAbstractItemModel *proxy = w.view()->model();
    // Database → groups that still have a match.
    QCOMPARE(proxy->rowCount(), 1);
    const QModelIndex db = proxy->index(0, 0);
    QStringList groups;
    for (int r = 0; r < proxy->rowCount(db); ++r)
        groups << proxy->index(r, 0, db).data().toString();
    QVERIFY(groups.contains(u"Queues (5)"_qs));
    QVERIFY(!groups.contains(u"Routes (2)"_qs));
    w.selectObject({ObjectKind::Service, 65539});
    QCOMPARE(w.view()->currentIndex().data(ExplorerModel::ObjectRefRole).value<ObjectRef>(),
             (ObjectRef{ObjectKind::Service, 65539}));
    QCOMPARE(spy.count(), 0); // programmatic selection does not echo back
}

QTEST_MAIN(TestExplorerModel)
#include "tst_explorermodel.moc"

#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphedgeitem.h"
#include "ui/graph/graphnodeitem.h"
#include "ui/graph/graphreferenceitem.h"

#include "core/samplecatalog.h"
#include "fixturecatalogs.h"
#include "syntheticcatalog.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QLayout>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace bs;

namespace {
constexpr int SampleNodes = 25;
constexpr int SampleEdges = 18;
const ObjectRef AuditQueue{ObjectKind::Queue, 1141579105};
const ObjectRef OrdersTargetQueue{ObjectKind::Queue, 1077578877};
const ObjectRef OrdersContract{ObjectKind::Contract, 65536};
} // namespace

class TestBrokerGraphView : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void itemCounts();
    void clickSelectsAndEmits();
    void selectObjectHighlights();
    void health();
    void systemObjectsSwitch();
    void staleLayoutIsDropped();
    void zoomAndShortcuts();
    void tooltipFacts();
    void exportSvgAndPng();
    void anotherCatalogStartsUnselected();
    void exportLeavesTheSelectionOut();
    void screenshot();
    void largeComponentDrawnByApplication();

private:
    void showSample();
    BrokerGraphPage *m_page = nullptr;
    BrokerGraphView *m_view = nullptr;
};

void TestBrokerGraphView::init()
{
    m_page = new BrokerGraphPage;
    m_page->resize(1500, 860);
    m_view = m_page->view();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestBrokerGraphView::cleanup()
{
    // Let a layout still running finish before its view goes.
    QTRY_VERIFY(!m_view->isLayoutRunning());
    delete m_page;
    m_page = nullptr;
}

void TestBrokerGraphView::showSample()
{
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(sampleCatalog());
    QVERIFY(m_view->isLayoutRunning());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.constFirst().at(0).toBool(), true);
}

void TestBrokerGraphView::itemCounts()
{
    showSample();
    QCOMPARE(m_view->nodeItems().size(), SampleNodes);
    QCOMPARE(m_view->edgeItems().size(), SampleEdges);
    QCOMPARE(m_view->scene()->items().size(), SampleNodes + SampleEdges);
    QCOMPARE(m_view->layoutResult().engine, QStringLiteral("dot"));
    QVERIFY(m_page->statusText().contains(QStringLiteral("25 objects")));
    // Every node sits where the layout put it.
    for (GraphNodeItem *item : m_view->nodeItems())
        QCOMPARE(item->pos(), m_view->layoutResult().nodeCenters.at(item->index()));
}

void TestBrokerGraphView::clickSelectsAndEmits()
{
    showSample();
    QSignalSpy selected(m_view, &BrokerGraphView::objectSelected);
    GraphNodeItem *item = m_view->nodeItem(OrdersTargetQueue);
    QVERIFY(item);
    m_view->centerOn(item);
    const QPoint at = m_view->mapFromScene(item->pos());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().at(0).value<ObjectRef>(), OrdersTargetQueue);
    QCOMPARE(m_view->selectedObject(), OrdersTargetQueue);

    QTest::keyClick(m_view, Qt::Key_Escape);
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.last().at(0).value<ObjectRef>(), ObjectRef{});

    QSignalSpy activated(m_view, &BrokerGraphView::objectActivated);
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, m_view->mapFromScene(item->pos()));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.constFirst().at(0).value<ObjectRef>(), OrdersTargetQueue);
}

void TestBrokerGraphView::selectObjectHighlights()
{
    showSample();
    QSignalSpy selected(m_view, &BrokerGraphView::objectSelected);
    QVERIFY(m_view->selectObject(OrdersContract));
    QVERIFY(m_view->nodeItem(OrdersContract)->isSelected());
    QCOMPARE(selected.size(), 0); // told by the tree: no echo back to it
    int highlighted = 0;
    for (GraphEdgeItem *edge : m_view->edgeItems()) {
        const bool touches = m_view->graph().nodes().at(edge->edge().from).ref == OrdersContract
                             || m_view->graph().nodes().at(edge->edge().to).ref == OrdersContract;
        QCOMPARE(edge->isHighlighted(), touches);
        highlighted += edge->isHighlighted() ? 1 : 0;
    }
    QCOMPARE(highlighted, 4); // accepted by one service, three message types
    QVERIFY(!m_view->selectObject({ObjectKind::Service, 999}));
    QCOMPARE(m_view->selectedObject(), ObjectRef{});
}

void TestBrokerGraphView::health()
{
    showSample();
    QCOMPARE(m_view->nodeItem(AuditQueue)->health(), NodeHealth::Error);
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->health(), NodeHealth::Normal);
    m_view->setHealth(OrdersTargetQueue, NodeHealth::Warning, QStringLiteral("120,000 messages waiting"));
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->health(), NodeHealth::Warning);
    QVERIFY(m_view->nodeItem(OrdersTargetQueue)->toolTipHtml().contains(QStringLiteral("120,000 messages waiting")));
    // The monitor cannot make a disabled queue look healthy.
    m_view->setHealth(AuditQueue, NodeHealth::Normal);
    QCOMPARE(m_view->nodeItem(AuditQueue)->health(), NodeHealth::Error);

    // Health survives a re-layout.
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(sampleCatalog());
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->health(), NodeHealth::Warning);
    m_view->clearHealth();
    QCOMPARE(m_view->nodeItem(OrdersTargetQueue)->health(), NodeHealth::Normal);
}

void TestBrokerGraphView::systemObjectsSwitch()
{
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(fixtures::withSystemObjects());
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_view->nodeItems().size(), 4);
    QVERIFY(m_page->statusText().contains(QStringLiteral("5 system objects hidden")));
    QVERIFY(!m_view->showSystemObjectsAction()->isChecked());

    m_view->showSystemObjectsAction()->trigger();
    QVERIFY(m_view->showSystemObjects());
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_view->nodeItems().size(), 9);
    QVERIFY(m_view->nodeItem({ObjectKind::Contract, 6}));

    m_view->setShowSystemObjects(false);
    QVERIFY(!m_view->showSystemObjectsAction()->isChecked());
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_view->nodeItems().size(), 4);
}

void TestBrokerGraphView::staleLayoutIsDropped()
{
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(sampleCatalog());
    m_view->setCatalog(fixtures::sharedQueue());
    // The pending selection is applied when the newer layout arrives.
    QVERIFY(!m_view->selectObject({ObjectKind::Queue, 100}));
    QTRY_VERIFY(!m_view->isLayoutRunning());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_view->nodeItems().size(), 4);
    QCOMPARE(m_view->selectedObject(), (ObjectRef{ObjectKind::Queue, 100}));
}

void TestBrokerGraphView::zoomAndShortcuts()
{
    showSample();
    m_page->activateWindow();
    m_view->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_page));
    const qreal fitted = m_view->zoomFactor();
    QVERIFY(fitted > 0 && fitted <= 1.0);

    QTest::keyClick(m_view, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(m_view->zoomFactor() > fitted);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(m_view->zoomFactor() < fitted);
    QTest::keyClick(m_view, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_view->zoomFactor(), 1.0);
    QTest::keyClick(m_view, Qt::Key_F);
    QCOMPARE(m_view->zoomFactor(), fitted);
    m_view->zoomIn();
    QTest::keyClick(m_view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_view->zoomFactor(), fitted);

    // Fitted means the whole drawing is visible.
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(m_view->scene()->itemsBoundingRect()));
}

void TestBrokerGraphView::tooltipFacts()
{
    showSample();
    const QString tip = m_view->nodeItem(AuditQueue)->toolTipHtml();
    QVERIFY(tip.contains(QStringLiteral("dbo.AuditQueue")));
    QVERIFY(tip.contains(QStringLiteral("Receive")));
    QVERIFY(tip.contains(QStringLiteral("Error")));
    QVERIFY(tip.contains(QStringLiteral("[SalesOps].[dbo].[Audit_Receive]")));
}

void TestBrokerGraphView::exportSvgAndPng()
{
    showSample();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString svgPath = dir.filePath(QStringLiteral("graph.svg"));
    const QString pngPath = dir.filePath(QStringLiteral("graph.png"));
    QString error;
    QVERIFY2(m_view->exportSvg(svgPath, &error), qPrintable(error));
    QVERIFY2(m_view->exportPng(pngPath, 1.5, &error), qPrintable(error));

    QImage png(pngPath);
    QVERIFY(!png.isNull());
    QVERIFY(png.width() > 800 && png.height() > 300);
    // Not blank: the title, legend and nodes put many non-white pixels in.
    int ink = 0;
    for (int y = 0; y < png.height(); y += 4) {
        for (int x = 0; x < png.width(); x += 4)
            ink += png.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
    }
    QVERIFY(ink > 1000);

    QFile svg(svgPath);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name(), QLatin1String("svg"));
    int texts = 0;
    bool hasAuditQueue = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) {
            ++texts;
            hasAuditQueue = hasAuditQueue || xml.readElementText().contains(QLatin1String("AuditQueue"));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(texts > SampleNodes);
    QVERIFY(hasAuditQueue);

    QVERIFY(!m_view->exportPng(dir.filePath(QStringLiteral("missing/dir/graph.png"))));
}

// Opening another database (or scenario) must not leave a node selected that nobody clicked:
// ids of the old catalog name other objects in the new one (issue 11's phantom selection).
void TestBrokerGraphView::anotherCatalogStartsUnselected()
{
    showSample();
    QVERIFY(m_view->selectObject(OrdersTargetQueue));
    QVERIFY(m_view->nodeItem(OrdersTargetQueue)->isSelected());
    BrokerCatalog other = sampleCatalog(); // same ids, another database
    other.database.databaseName = QStringLiteral("OtherDb");
    QSignalSpy selected(m_view, &BrokerGraphView::objectSelected);
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(other);
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_view->selectedObject(), ObjectRef{});
    QVERIFY(m_view->scene()->selectedItems().isEmpty());
    for (GraphEdgeItem *edge : m_view->edgeItems())
        QVERIFY(!edge->isHighlighted());
    QCOMPARE(selected.size(), 0); // the window clears its panes itself; no echo

    // A selection asked for while the layout runs (the tree was clicked) still arrives with it.
    m_view->setCatalog(sampleCatalog());
    m_view->selectObject(OrdersContract);
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->isLayoutRunning(), 10000);
    QCOMPARE(m_view->selectedObject(), OrdersContract);
}

// A PNG or SVG is a document: the view's selection halo and highlighted relations stay out.
void TestBrokerGraphView::exportLeavesTheSelectionOut()
{
    showSample();
    const QImage plain = m_view->renderImage(1.0);
    QVERIFY(m_view->selectObject(OrdersContract));
    QVERIFY(m_view->nodeItem(OrdersContract)->isSelected());
    const QImage withSelection = m_view->renderImage(1.0);
    QCOMPARE(withSelection.size(), plain.size());
    QVERIFY(withSelection == plain);
}

void TestBrokerGraphView::screenshot()
{
    showSample();
    m_view->selectObject(OrdersContract);
    m_view->setHealth({ObjectKind::ActivationProcedure, 1077578877}, NodeHealth::Warning, QStringLiteral("Task Limit Reached"));
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    const QString shot = QStringLiteral(BS_TEST_ARTIFACT_DIR "/brokergraphview.png");
    m_page->layout()->activate(); // the status text just changed length
    QVERIFY(m_page->grab().save(shot));
    QVERIFY(m_view->exportPng(QStringLiteral(BS_TEST_ARTIFACT_DIR "/brokergraphview-export.png"), 1.0));
    QVERIFY(!QImage(shot).isNull());
}

void TestBrokerGraphView::largeComponentDrawnByApplication()
{
    // One component of about 5,900 objects: split by application, and enough items that the
    // scene is filled in more than one slice.
    QSignalSpy finished(m_view, &BrokerGraphView::layoutFinished);
    m_view->setCatalog(syntheticCatalog(5000, true));
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.constFirst().at(0).toBool());
    QVERIFY(!m_view->isLayoutRunning());
    const GraphLayout &layout = m_view->layoutResult();
    QCOMPARE(layout.groups.size(), 1);
    QCOMPARE(m_view->nodeItems().size(), m_view->graph().nodeCount());
    QCOMPARE(m_view->edgeItems().size(), m_view->graph().edgeCount());
    QCOMPARE(m_view->referenceItems().size(), layout.references.size());
    QVERIFY(!layout.references.isEmpty());
    for (int r = 0; r < layout.references.size(); ++r) {
        QCOMPARE(m_view->referenceItems().at(r)->pos(), layout.references.at(r).center);
        QCOMPARE(m_view->referenceItems().at(r)->nodeIndex(), layout.references.at(r).node);
    }
    // The user is told what the frame and the dashed boxes are.
    QVERIFY(m_page->noticeText().contains(QLocale().toString(layout.groups.constFirst().nodeCount)));
    QVERIFY(finished.constFirst().at(1).toString().contains(QLatin1String("drawn by application")));

    // Clicking a reference goes to the object it stands for.
    GraphReferenceItem *reference = m_view->referenceItems().constLast();
    const GraphNode &target = m_view->graph().nodes().at(reference->nodeIndex());
    QSignalSpy selected(m_view, &BrokerGraphView::objectSelected);
    reference->setSelected(true);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().at(0).value<ObjectRef>(), target.ref);
    QCOMPARE(m_view->selectedObject(), target.ref);
    QVERIFY(!reference->isSelected());
    int toTarget = 0;
    for (const NodeReference &r : layout.references)
        toTarget += r.node == reference->nodeIndex() ? 1 : 0;
    QCOMPARE(m_view->referencesTo(reference->nodeIndex()), toTarget);
    QVERIFY(m_view->nodeItems().at(reference->nodeIndex())->isSelected());
    QVERIFY(m_view->mapToScene(m_view->viewport()->rect()).boundingRect().contains(
        m_view->nodeItems().at(reference->nodeIndex())->pos()));

    // A small catalog has neither references nor the notice.
    showSample();
    QVERIFY(m_view->referenceItems().isEmpty());
    QVERIFY(m_page->noticeText().isEmpty());
}

QTEST_MAIN(TestBrokerGraphView)
#include "tst_brokergraphview.moc"

#include "core/catalog.h"
#include "core/samplecatalog.h"
#include "data/staticbrokersource.h"
#include "ui/graph/brokergraphview.h"
#include "ui/propertieswidget.h"

#include <QDir>
#include <QHeaderView>
#include <QLocale>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace bs;

namespace {

// A queue as the demo's leaking target has it: long name, activation with a long procedure name.
BrokerCatalog queueCatalog()
{
    BrokerCatalog c;
    c.database.databaseName = u"SalesOpsDemo"_qs;
    Queue q;
    q.objectId = 42;
    q.schema = u"dbo"_qs;
    q.name = u"NaiveTargetQueue"_qs;
    q.maxReaders = 4;
    q.activationProcedure = u"[SalesOpsDemo].[dbo].[NaiveTarget_ActivatedProcedure]"_qs;
    q.executeAsPrincipalId = -2;
    q.isActivationEnabled = true;
    q.createDate = QDateTime(QDate(2025, 3, 14), QTime(9, 26, 53), Qt::UTC);
    q.modifyDate = QDateTime(QDate(2026, 10, 2), QTime(22, 10, 7), Qt::UTC);
    c.queues << q;
    return c;
}

int rowOf(const QTableWidget *table, const QString &property)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0) && table->item(r, 1) && table->item(r, 0)->text() == property)
            return r;
    }
    return -1;
}

} // namespace

class TestPropertiesWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void queueValuesGetTheRoom_data();
    void queueValuesGetTheRoom();
    void liveFigures_data();
    void liveFigures();
    void healthWithItsReason();
    void unavailablePartSaysSo();
};

void TestPropertiesWidget::queueValuesGetTheRoom_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("dock-300") << 300;
    QTest::newRow("dock-420") << 420;
}

// In a narrow dock the values get the width: names column sized to its text up to a cap, values
// stretch and wrap at word boundaries, rows tall enough for their wrapped text, full text as tooltip.
void TestPropertiesWidget::queueValuesGetTheRoom()
{
    QFETCH(int, width);
    PropertiesWidget w;
    w.setCatalog(queueCatalog());
    w.showObject({ObjectKind::Queue, 42});
    w.resize(width, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // Saved before the checks, so a failing layout can be looked at.
    const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR) + u"/ui_properties"_qs;
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + u"/queue-%1.png"_qs.arg(width)));
    QTableWidget *table = w.table();
    const int viewport = table->viewport()->width();
    const int nameWidth = table->columnWidth(0);
    const int valueWidth = table->columnWidth(1);
    QVERIFY2(valueWidth >= viewport / 2, qPrintable(u"value column %1 of %2"_qs.arg(valueWidth).arg(viewport)));
    QVERIFY2(nameWidth + valueWidth <= viewport + 1, qPrintable(u"%1 + %2 > %3"_qs.arg(nameWidth).arg(valueWidth).arg(viewport)));

    // The queue's name fits, and its tooltip holds it in full.
    const int nameRow = rowOf(table, u"name"_qs);
    QVERIFY(nameRow >= 0);
    const QString fullName = u"[dbo].[NaiveTargetQueue]"_qs;
    QCOMPARE(table->item(nameRow, 1)->text(), fullName);
    QVERIFY(table->item(nameRow, 1)->toolTip().contains(fullName));
    QVERIFY(table->fontMetrics().horizontalAdvance(fullName) < valueWidth);

    // "in words" wraps into a few lines, not one word per line, and its row shows all of them.
    const int wordsRow = rowOf(table, u"in words"_qs);
    QVERIFY(wordsRow >= 0);
    const QString words = table->item(wordsRow, 1)->text();
    const QRect needed = table->fontMetrics().boundingRect(QRect(0, 0, valueWidth - 8, 100000),
                                                           Qt::TextWordWrap, words);
    QVERIFY2(table->rowHeight(wordsRow) >= needed.height(),
             qPrintable(u"row %1 < text %2"_qs.arg(table->rowHeight(wordsRow)).arg(needed.height())));
    const int lines = needed.height() / table->fontMetrics().lineSpacing();
    const int wordCount = int(words.split(u' ', Qt::SkipEmptyParts).size());
    QVERIFY2(lines * 3 < wordCount, qPrintable(u"%1 lines for %2 words"_qs.arg(lines).arg(wordCount)));

    // Property names are shown whole: the name column is as wide as its longest name (up to the cap).
    const int longest = table->fontMetrics().horizontalAdvance(u"is_poison_message_handling_enabled"_qs);
    QVERIFY(nameWidth >= qMin(longest, viewport * 45 / 100) - 1);

}

namespace {

// The sample catalog's objects as a monitor sample would show them.
MonitorSample busySample()
{
    const BrokerCatalog c = sampleCatalog();
    MonitorSample s;
    s.time = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    QueueSample q;
    q.queueId = 1077578877; // OrdersTargetQueue
    q.schema = u"dbo"_qs;
    q.name = u"OrdersTargetQueue"_qs;
    q.depth = 34000;
    q.maxReaders = 8;
    q.activeReaders = 2;
    q.monitorState = QueueMonitorState::ReceivesOccurring;
    q.isActivationEnabled = true;
    s.queues << q;
    EndpointGroup g;
    g.localService = u"//Contoso/Orders/Target"_qs;
    g.farService = u"//Contoso/Orders/Initiator"_qs;
    g.state = EndpointState::CD;
    g.count = 245000;
    g.neverExpiring = 245000;
    g.closedWithUnsetSecurityTimestamp = 245000;
    s.endpoints << g;
    g.state = EndpointState::CO;
    g.count = 4;
    g.neverExpiring = 0;
    g.closedWithUnsetSecurityTimestamp = 0;
    s.endpoints << g;
    s.transmission << TransmissionGroup{u"//Fabrikam/Billing/Service"_qs, u"The target Service Broker is unreachable."_qs, 7226,
                                        s.time.addSecs(-1800)};
    s.transmissionQueueSize = 7226;
    return s;
}

} // namespace

void TestPropertiesWidget::liveFigures_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("id");
    QTest::addColumn<QString>("property");
    QTest::addColumn<QString>("value");
    const QLocale l;
    QTest::newRow("queue depth") << int(ObjectKind::Queue) << 1077578877 << u"Messages in the queue"_qs << l.toString(34000);
    QTest::newRow("queue readers") << int(ObjectKind::Queue) << 1077578877 << u"Readers"_qs << u"2 running of 8 allowed"_qs;
    QTest::newRow("procedure readers") << int(ObjectKind::ActivationProcedure) << 1077578877 << u"Queue monitor"_qs
                                       << u"RECEIVES_OCCURRING"_qs;
    QTest::newRow("service endpoints") << int(ObjectKind::Service) << 65537 << u"Endpoints"_qs
                                       << u"%1: CO 4 · CD %2"_qs.arg(l.toString(245004), l.toString(245000));
    QTest::newRow("service leak") << int(ObjectKind::Service) << 65537 << u"CLOSED, security timestamp unset"_qs << l.toString(245000);
    QTest::newRow("route waiting") << int(ObjectKind::Route) << 65536 << u"Waiting to be sent"_qs << l.toString(7226);
    QTest::newRow("route status") << int(ObjectKind::Route) << 65536 << u"transmission_status"_qs
                                  << u"The target Service Broker is unreachable."_qs;
    QTest::newRow("binding waiting") << int(ObjectKind::RemoteServiceBinding) << 65536 << u"Waiting to be sent"_qs << l.toString(7226);
}

// The properties pane shows what the monitor sees of the selected object, from the latest sample.
void TestPropertiesWidget::liveFigures()
{
    QFETCH(int, kind);
    QFETCH(int, id);
    QFETCH(QString, property);
    QFETCH(QString, value);
    StaticBrokerSource source(sampleCatalog(), u"sample"_qs);
    PropertiesWidget w;
    w.setCatalog(sampleCatalog());
    w.setSource(&source);
    w.showObject({ObjectKind(kind), id});
    QCOMPARE(w.valueOf(property), QString()); // no sample yet
    Q_EMIT source.sampleReady(busySample());
    QTRY_COMPARE(w.valueOf(property), value);
    QVERIFY(!w.helpOf(property).isEmpty());
    // The next sample updates the figures in place.
    MonitorSample next = busySample();
    next.time = next.time.addSecs(1);
    next.queues[0].depth = 35000;
    next.transmission[0].count = 7300;
    Q_EMIT source.sampleReady(next);
    if (property == u"Messages in the queue"_qs)
        QTRY_COMPARE(w.valueOf(property), QLocale().toString(35000));
    if (property == u"Waiting to be sent"_qs)
        QTRY_COMPARE(w.valueOf(property), QLocale().toString(7300));
    // Another source (or none) has other figures.
    w.setSource(nullptr);
    QCOMPARE(w.valueOf(property), QString());
}

// The reason was only in a badge's tooltip; the pane says it too.
void TestPropertiesWidget::healthWithItsReason()
{
    BrokerGraphView view;
    QSignalSpy laidOut(&view, &BrokerGraphView::layoutFinished);
    view.setCatalog(sampleCatalog());
    QVERIFY(laidOut.wait(10000));
    PropertiesWidget w;
    w.setCatalog(sampleCatalog());
    w.setHealthSource(&view);
    const ObjectRef queue{ObjectKind::Queue, 1077578877};
    w.showObject(queue);
    QCOMPARE(w.valueOf(u"Health"_qs), u"OK"_qs);
    const QString reason = u"Backlog: 34,000 messages, 2 of 8 readers (conversation group locking?)"_qs;
    view.setHealth(queue, NodeHealth::Warning, reason);
    QTRY_COMPARE(w.valueOf(u"Health"_qs), u"Warning: "_qs + reason);
    view.clearHealth();
    QTRY_COMPARE(w.valueOf(u"Health"_qs), u"OK"_qs);
    w.resize(380, 600);
    const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR) + u"/ui_properties"_qs;
    QDir().mkpath(dir);
    view.setHealth(queue, NodeHealth::Warning, reason);
    StaticBrokerSource source(sampleCatalog(), u"sample"_qs);
    w.setSource(&source);
    Q_EMIT source.sampleReady(busySample());
    QTRY_VERIFY(!w.valueOf(u"Readers"_qs).isEmpty());
    QVERIFY(w.grab().save(dir + u"/queue-live.png"_qs));
}

void TestPropertiesWidget::unavailablePartSaysSo()
{
    StaticBrokerSource source(sampleCatalog(), u"sample"_qs);
    PropertiesWidget w;
    w.setCatalog(sampleCatalog());
    w.setSource(&source);
    w.showObject({ObjectKind::Service, 65537});
    MonitorSample s = busySample();
    s.unavailable << UnavailablePart{u"monitor.endpoints"_qs, u"The query timed out"_qs, QString()};
    Q_EMIT source.sampleReady(s);
    QTRY_COMPARE(w.valueOf(u"Endpoints"_qs), u"not available: The query timed out"_qs);
}

QTEST_MAIN(TestPropertiesWidget)
#include "tst_propertieswidget.moc"

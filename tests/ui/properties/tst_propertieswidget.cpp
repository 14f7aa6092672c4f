#include "core/catalog.h"
#include "ui/propertieswidget.h"

#include <QDir>
#include <QHeaderView>
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

QTEST_MAIN(TestPropertiesWidget)
#include "tst_propertieswidget.moc"

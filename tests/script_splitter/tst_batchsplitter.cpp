#include "core/script/batchsplitter.h"

#include <QTest>

using namespace bs;

class TestBatchSplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
    void invalidGo_data();
    void invalidGo();
    void scriptLine_data();
    void scriptLine();
};

void TestBatchSplitter::split_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QList<int>>("startLines");
    QTest::addColumn<QList<int>>("repeats");

    QTest::newRow("no GO") << u"SELECT 1;\nSELECT 2;\n"_qs << QStringList{u"SELECT 1;\nSELECT 2;"_qs}
                           << QList<int>{1} << QList<int>{1};
    QTest::newRow("two batches") << u"SELECT 1;\nGO\nSELECT 2;\nGO\n"_qs
                                 << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs} << QList<int>{1, 3}
                                 << QList<int>{1, 1};
    QTest::newRow("lower case go") << u"SELECT 1;\ngo\nSELECT 2;"_qs
                                   << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs} << QList<int>{1, 3}
                                   << QList<int>{1, 1};
    QTest::newRow("mixed case Go") << u"SELECT 1;\nGo\nSELECT 2;"_qs
                                   << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs} << QList<int>{1, 3}
                                   << QList<int>{1, 1};
    QTest::newRow("surrounding spaces and tabs") << u"SELECT 1;\n  \tGO \t \nSELECT 2;"_qs
                                                 << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs}
                                                 << QList<int>{1, 3} << QList<int>{1, 1};
    QTest::newRow("GO 3") << u"INSERT t DEFAULT VALUES;\nGO 3\nSELECT 2;"_qs
                          << QStringList{u"INSERT t DEFAULT VALUES;"_qs, u"SELECT 2;"_qs} << QList<int>{1, 3}
                          << QList<int>{3, 1};
    QTest::newRow("go 12 with spaces") << u"SELECT 1;\n   go   12   \n"_qs << QStringList{u"SELECT 1;"_qs}
                                       << QList<int>{1} << QList<int>{12};
    QTest::newRow("GO with line comment") << u"SELECT 1;\nGO -- end of part one\nSELECT 2;"_qs
                                          << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs} << QList<int>{1, 3}
                                          << QList<int>{1, 1};
    QTest::newRow("GO 2 with block comment") << u"SELECT 1;\nGO 2 /* twice /* nested */ */\nSELECT 2;"_qs
                                             << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs}
                                             << QList<int>{1, 3} << QList<int>{2, 1};
    QTest::newRow("GO in a string") << u"SELECT 'a\nGO\nb';\nGO\nSELECT 2;"_qs
                                    << QStringList{u"SELECT 'a\nGO\nb';"_qs, u"SELECT 2;"_qs} << QList<int>{1, 5}
                                    << QList<int>{1, 1};
    QTest::newRow("GO in N string with doubled quotes")
        << u"PRINT N'it''s\nGO\n''still'' a string';\nGO\nSELECT 2;"_qs
        << QStringList{u"PRINT N'it''s\nGO\n''still'' a string';"_qs, u"SELECT 2;"_qs} << QList<int>{1, 5}
        << QList<int>{1, 1};
    QTest::newRow("doubled quote at line end") << u"PRINT N'x''\nGO\n';\nGO\nSELECT 2;"_qs
                                               << QStringList{u"PRINT N'x''\nGO\n';"_qs, u"SELECT 2;"_qs}
                                               << QList<int>{1, 5} << QList<int>{1, 1};
    QTest::newRow("GO in brackets") << u"CREATE TABLE [a\nGO\n]]b] (i int);\nGO\nSELECT 2;"_qs
                                    << QStringList{u"CREATE TABLE [a\nGO\n]]b] (i int);"_qs, u"SELECT 2;"_qs}
                                    << QList<int>{1, 5} << QList<int>{1, 1};
    QTest::newRow("[GO] as a name") << u"SELECT 1 AS\n[GO]\nGO\nSELECT 2;"_qs
                                    << QStringList{u"SELECT 1 AS\n[GO]"_qs, u"SELECT 2;"_qs} << QList<int>{1, 4}
                                    << QList<int>{1, 1};
    QTest::newRow("GO in double quotes") << u"SELECT 1 AS \"x\nGO\ny\";\nGO\nSELECT 2;"_qs
                                         << QStringList{u"SELECT 1 AS \"x\nGO\ny\";"_qs, u"SELECT 2;"_qs}
                                         << QList<int>{1, 5} << QList<int>{1, 1};
    QTest::newRow("GO in a line comment") << u"SELECT 1; -- GO\n-- GO\nSELECT 2;"_qs
                                          << QStringList{u"SELECT 1; -- GO\n-- GO\nSELECT 2;"_qs} << QList<int>{1}
                                          << QList<int>{1};
    QTest::newRow("quote in a line comment") << u"SELECT 1; -- don't\nGO\nSELECT 2;"_qs
                                             << QStringList{u"SELECT 1; -- don't"_qs, u"SELECT 2;"_qs}
                                             << QList<int>{1, 3} << QList<int>{1, 1};
    QTest::newRow("GO in a block comment") << u"SELECT 1;\n/*\nGO\n*/\nSELECT 2;"_qs
                                           << QStringList{u"SELECT 1;\n/*\nGO\n*/\nSELECT 2;"_qs} << QList<int>{1}
                                           << QList<int>{1};
    QTest::newRow("GO in a nested block comment")
        << u"SELECT 1;\n/* outer\n/* inner */\nGO\n*/\nSELECT 2;\nGO\nSELECT 3;"_qs
        << QStringList{u"SELECT 1;\n/* outer\n/* inner */\nGO\n*/\nSELECT 2;"_qs, u"SELECT 3;"_qs}
        << QList<int>{1, 8} << QList<int>{1, 1};
    QTest::newRow("quote in a block comment") << u"/* it's */ SELECT 1;\nGO\nSELECT 2;"_qs
                                              << QStringList{u"/* it's */ SELECT 1;"_qs, u"SELECT 2;"_qs}
                                              << QList<int>{1, 3} << QList<int>{1, 1};
    QTest::newRow("CRLF") << u"SELECT 1;\r\nGO\r\nSELECT 2;\r\n\r\nSELECT 3;\r\nGO\r\n"_qs
                          << QStringList{u"SELECT 1;"_qs, u"SELECT 2;\n\nSELECT 3;"_qs} << QList<int>{1, 3}
                          << QList<int>{1, 1};
    QTest::newRow("CRLF GO 2") << u"SELECT 1;\r\nGO 2\r\n"_qs << QStringList{u"SELECT 1;"_qs} << QList<int>{1}
                               << QList<int>{2};
    QTest::newRow("no final newline after GO") << u"SELECT 1;\nGO"_qs << QStringList{u"SELECT 1;"_qs}
                                               << QList<int>{1} << QList<int>{1};
    QTest::newRow("no final newline after code") << u"SELECT 1;\nGO\nSELECT 2;"_qs
                                                 << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs}
                                                 << QList<int>{1, 3} << QList<int>{1, 1};
    QTest::newRow("empty batches dropped") << u"GO\n\nGO\nSELECT 1;\nGO\n   \nGO 5\n\nGO"_qs
                                           << QStringList{u"SELECT 1;"_qs} << QList<int>{4} << QList<int>{1};
    QTest::newRow("comment-only batch dropped") << u"-- header\n/* more */\nGO\nSELECT 1;\nGO\n-- trailer\n"_qs
                                                << QStringList{u"SELECT 1;"_qs} << QList<int>{4} << QList<int>{1};
    QTest::newRow("leading blank lines keep line numbers") << u"\n\n  \nSELECT 1;\n\nGO\n\n\nSELECT 2;\n\n"_qs
                                                           << QStringList{u"SELECT 1;"_qs, u"SELECT 2;"_qs}
                                                           << QList<int>{4, 9} << QList<int>{1, 1};
    QTest::newRow("comment lines before code stay in the batch")
        << u"GO\n-- make the queue\nCREATE QUEUE q;"_qs << QStringList{u"-- make the queue\nCREATE QUEUE q;"_qs}
        << QList<int>{2} << QList<int>{1};
    QTest::newRow("GOTO is not GO") << u"GOTO done;\ndone:\nGO\n"_qs << QStringList{u"GOTO done;\ndone:"_qs}
                                    << QList<int>{1} << QList<int>{1};
    QTest::newRow("GO; is not a separator") << u"SELECT 1;\nGO;\n"_qs << QStringList{u"SELECT 1;\nGO;"_qs}
                                            << QList<int>{1} << QList<int>{1};
    QTest::newRow("GO after code on a line") << u"SELECT 1 GO\nSELECT 2;"_qs
                                             << QStringList{u"SELECT 1 GO\nSELECT 2;"_qs} << QList<int>{1}
                                             << QList<int>{1};
    QTest::newRow("empty script") << QString() << QStringList() << QList<int>() << QList<int>();
    QTest::newRow("unicode text") << u"PRINT N'Очередь キュー';\nGO\n"_qs << QStringList{u"PRINT N'Очередь キュー';"_qs}
                                  << QList<int>{1} << QList<int>{1};
}

void TestBatchSplitter::split()
{
    QFETCH(QString, script);
    QFETCH(QStringList, texts);
    QFETCH(QList<int>, startLines);
    QFETCH(QList<int>, repeats);

    const BatchSplit result = BatchSplitter::split(script);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QStringList gotTexts;
    QList<int> gotLines;
    QList<int> gotRepeats;
    for (const SqlBatch &b : result.batches) {
        gotTexts << b.text;
        gotLines << b.startLine;
        gotRepeats << b.repeat;
    }
    QCOMPARE(gotTexts, texts);
    QCOMPARE(gotLines, startLines);
    QCOMPARE(gotRepeats, repeats);
}

void TestBatchSplitter::invalidGo_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("errorLine");
    QTest::newRow("GO 0") << u"SELECT 1;\nGO 0\n"_qs << 2;
    QTest::newRow("GO with text") << u"SELECT 1;\n\nGO SELECT 2\n"_qs << 3;
    QTest::newRow("GO 2x") << u"GO 2x\n"_qs << 1;
    QTest::newRow("GO -1") << u"SELECT 1;\nGO -1\n"_qs << 2;
    QTest::newRow("GO count too large") << u"SELECT 1;\nGO 99999999999\n"_qs << 2;
    QTest::newRow("GO with unclosed block comment") << u"SELECT 1;\nGO /* open\n*/"_qs << 2;
}

void TestBatchSplitter::invalidGo()
{
    QFETCH(QString, script);
    QFETCH(int, errorLine);
    const BatchSplit result = BatchSplitter::split(script);
    QVERIFY(!result.ok());
    QVERIFY(result.batches.isEmpty());
    QCOMPARE(result.errorLine, errorLine);
    QVERIFY2(result.error.contains(u"GO"_qs), qPrintable(result.error));
}

void TestBatchSplitter::scriptLine_data()
{
    QTest::addColumn<int>("startLine");
    QTest::addColumn<int>("lineInBatch");
    QTest::addColumn<int>("expected");
    QTest::newRow("first line") << 1 << 1 << 1;
    QTest::newRow("later batch") << 40 << 3 << 42;
    QTest::newRow("unknown line 0 maps to start") << 12 << 0 << 12;
}

void TestBatchSplitter::scriptLine()
{
    QFETCH(int, startLine);
    QFETCH(int, lineInBatch);
    QFETCH(int, expected);
    SqlBatch b;
    b.startLine = startLine;
    QCOMPARE(b.scriptLine(lineInBatch), expected);
}

QTEST_GUILESS_MAIN(TestBatchSplitter)
#include "tst_batchsplitter.moc"

#include "core/sim/jsonlocator.h"

#include <QTest>

using namespace bs::sim;

namespace {

// Line 1 is "{"; values sit at known columns below.
const QByteArray Text = QByteArrayLiteral(
    "{\n"
    "  \"a\": 1,\n"
    "  \"s\": \"x\\\"y, }\",\n"
    "  \"b\": {\"c\": [10, {\"d\": \"deep\"}], \"e\": [[1, 2], [3]]},\n"
    "  \"last\": true\n"
    "}\n");

} // namespace

class TestJsonLocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void locate_data();
    void locate();
    void lineColumn_data();
    void lineColumn();
};

void TestJsonLocator::locate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("root") << Text << QString() << 1 << 1;
    QTest::newRow("first key") << Text << QStringLiteral("a") << 2 << 8;
    QTest::newRow("string with escaped quote, comma and brace") << Text << QStringLiteral("s") << 3 << 8;
    QTest::newRow("object") << Text << QStringLiteral("b") << 4 << 8;
    QTest::newRow("array element") << Text << QStringLiteral("b.c[0]") << 4 << 15;
    QTest::newRow("inside array element") << Text << QStringLiteral("b.c[1].d") << 4 << 25;
    QTest::newRow("nested arrays") << Text << QStringLiteral("b.e[1][0]") << 4 << 50;
    QTest::newRow("after skipped values") << Text << QStringLiteral("last") << 5 << 11;
    QTest::newRow("unknown key") << Text << QStringLiteral("missing") << 0 << 0;
    QTest::newRow("index past the end") << Text << QStringLiteral("b.c[2]") << 0 << 0;
    QTest::newRow("index into an object") << Text << QStringLiteral("b[0]") << 0 << 0;
    QTest::newRow("key into a number") << Text << QStringLiteral("a.x") << 0 << 0;
    QTest::newRow("unterminated string") << QByteArrayLiteral("{\"a\": \"x") << QStringLiteral("b") << 0 << 0;
    QTest::newRow("empty text") << QByteArray() << QStringLiteral("a") << 0 << 0;
}

void TestJsonLocator::locate()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(int, column);
    const auto [l, c] = JsonLocator(text).locate(path);
    QCOMPARE(l, line);
    QCOMPARE(c, column);
}

void TestJsonLocator::lineColumn_data()
{
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("start") << qsizetype(0) << 1 << 1;
    QTest::newRow("the newline itself") << qsizetype(1) << 1 << 2;
    QTest::newRow("after the first newline") << qsizetype(2) << 2 << 1;
    QTest::newRow("past the end stops at the end") << qsizetype(100000) << 7 << 1;
}

void TestJsonLocator::lineColumn()
{
    QFETCH(qsizetype, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const auto [l, c] = JsonLocator::lineColumn(Text, offset);
    QCOMPARE(l, line);
    QCOMPARE(c, column);
}

QTEST_GUILESS_MAIN(TestJsonLocator)
#include "tst_jsonlocator.moc"

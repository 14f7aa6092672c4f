#include "core/sim/jsonfieldreader.h"

#include <QJsonDocument>
#include <QTest>

using namespace bs::sim;

namespace {

enum class Colour { Red, Green };

const QByteArray Text = QByteArrayLiteral(
    "{\n"
    "  \"whole\": 3,\n"
    "  \"fraction\": 2.5,\n"
    "  \"negative\": -1,\n"
    "  \"word\": \"blue\",\n"
    "  \"empty\": \"\",\n"
    "  \"flag\": \"yes\",\n"
    "  \"on\": true,\n"
    "  \"list\": [1],\n"
    "  \"inner\": {\"x\": 1}\n"
    "}\n");

QJsonObject root()
{
    return QJsonDocument::fromJson(Text).object();
}

} // namespace

class TestJsonFieldReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failures_data();
    void failures();
    void values();
    void firstErrorWins();
    void pathWithoutPosition();
};

void TestJsonFieldReader::failures_data()
{
    QTest::addColumn<int>("check");
    QTest::addColumn<QString>("error");

    // QJsonObject iterates its keys sorted, so "empty" is the first unknown one.
    QTest::newRow("unknown key") << 0 << QStringLiteral("line 6, column 12: empty: unknown field (expected one of: fraction)");
    QTest::newRow("not a whole number") << 1 << QStringLiteral("line 3, column 15: fraction: must be a whole number (got 2.5)");
    QTest::newRow("negative") << 2 << QStringLiteral("line 4, column 15: negative: must not be negative (got -1)");
    QTest::newRow("above the maximum") << 3 << QStringLiteral("line 2, column 12: whole: must be at most 2 (got 3)");
    QTest::newRow("not greater than an exclusive minimum") << 4 << QStringLiteral("line 2, column 12: whole: must be greater than 3 (got 3)");
    QTest::newRow("required number missing") << 5 << QStringLiteral("nothing: missing (a number is required)");
    QTest::newRow("string is not a number") << 6 << QStringLiteral("line 5, column 11: word: must be a number");
    QTest::newRow("required string empty") << 7 << QStringLiteral("line 6, column 12: empty: must not be empty");
    QTest::newRow("not a boolean") << 8 << QStringLiteral("line 7, column 11: flag: must be true or false");
    QTest::newRow("not one of the choices") << 9 << QStringLiteral("line 5, column 11: word: \"blue\" is not one of: red, green");
    QTest::newRow("not an array") << 10 << QStringLiteral("line 10, column 12: inner: must be an array");
    QTest::newRow("not an object") << 11 << QStringLiteral("line 9, column 11: list: must be an object");
    QTest::newRow("nested path") << 12 << QStringLiteral("line 10, column 18: inner.x: must be a string");
}

void TestJsonFieldReader::failures()
{
    QFETCH(int, check);
    QFETCH(QString, error);
    JsonFieldReader r(Text);
    const QJsonObject o = root();
    int i = 0;
    double d = 0;
    QString s;
    bool b = false;
    Colour colour = Colour::Red;
    QJsonArray a;
    QJsonObject inner;
    bool ok = true;
    switch (check) {
    case 0: ok = r.keys(o, QString(), {QStringLiteral("fraction")}); break;
    case 1: ok = r.integer(o, QStringLiteral("fraction"), QString(), i, 0, 10, true); break;
    case 2: ok = r.number(o, QStringLiteral("negative"), QString(), d, 0, 10, true); break;
    case 3: ok = r.integer(o, QStringLiteral("whole"), QString(), i, 0, 2, true); break;
    case 4: ok = r.number(o, QStringLiteral("whole"), QString(), d, 3, 10, true, true); break;
    case 5: ok = r.number(o, QStringLiteral("nothing"), QString(), d, 0, 10, true); break;
    case 6: ok = r.number(o, QStringLiteral("word"), QString(), d, 0, 10, false); break;
    case 7: ok = r.string(o, QStringLiteral("empty"), QString(), s, true); break;
    case 8: ok = r.boolean(o, QStringLiteral("flag"), QString(), b); break;
    case 9:
        ok = r.choice<Colour>(o, QStringLiteral("word"), QString(), colour,
                              {{QStringLiteral("red"), Colour::Red}, {QStringLiteral("green"), Colour::Green}}, true);
        break;
    case 10: ok = r.array(o, QStringLiteral("inner"), QString(), a, true); break;
    case 11: ok = r.object(o, QStringLiteral("list"), QString(), inner, true); break;
    case 12:
        ok = r.object(o, QStringLiteral("inner"), QString(), inner, true)
            && r.string(inner, QStringLiteral("x"), QStringLiteral("inner"), s, true);
        break;
    }
    QVERIFY(!ok);
    QCOMPARE(r.error(), error);
}

void TestJsonFieldReader::values()
{
    JsonFieldReader r(Text);
    const QJsonObject o = root();
    qint64 whole = 0;
    double fraction = 0;
    QString empty = QStringLiteral("unchanged");
    bool on = false;
    std::optional<bool> present;
    std::optional<bool> absent;
    int untouched = 7;
    Colour colour = Colour::Green;
    QJsonArray list;
    QVERIFY(r.integer(o, QStringLiteral("whole"), QString(), whole, 0, 10, true));
    QVERIFY(r.number(o, QStringLiteral("fraction"), QString(), fraction, 0, 10, true));
    QVERIFY(r.string(o, QStringLiteral("empty"), QString(), empty, false));
    QVERIFY(r.boolean(o, QStringLiteral("on"), QString(), on));
    QVERIFY(r.optBoolean(o, QStringLiteral("on"), QString(), present));
    QVERIFY(r.optBoolean(o, QStringLiteral("nothing"), QString(), absent));
    QVERIFY(r.integer(o, QStringLiteral("nothing"), QString(), untouched, 0, 10, false));
    QVERIFY(r.choice<Colour>(o, QStringLiteral("nothing"), QString(), colour, {{QStringLiteral("red"), Colour::Red}}, false));
    QVERIFY(r.array(o, QStringLiteral("list"), QString(), list, true));
    QCOMPARE(whole, 3);
    QCOMPARE(fraction, 2.5);
    QCOMPARE(empty, QString());
    QVERIFY(on);
    QCOMPARE(present, std::optional<bool>(true));
    QVERIFY(!absent);
    QCOMPARE(untouched, 7); // an optional field that is absent keeps its default
    QCOMPARE(colour, Colour::Green);
    QCOMPARE(list.size(), 1);
    QVERIFY(r.error().isEmpty());
    QCOMPARE(JsonFieldReader::at(JsonFieldReader::join(QStringLiteral("a"), QStringLiteral("b")), 2), QStringLiteral("a.b[2]"));
    QCOMPARE(JsonFieldReader::join(QString(), QStringLiteral("b")), QStringLiteral("b"));
}

void TestJsonFieldReader::firstErrorWins()
{
    JsonFieldReader r(Text);
    QVERIFY(!r.fail(QStringLiteral("whole"), QStringLiteral("first")));
    QVERIFY(!r.fail(QStringLiteral("fraction"), QStringLiteral("second")));
    QCOMPARE(r.error(), QStringLiteral("line 2, column 12: whole: first"));
}

void TestJsonFieldReader::pathWithoutPosition()
{
    JsonFieldReader r(Text);
    r.fail(QStringLiteral("workloads[3].rate"), QStringLiteral("is wrong"));
    QCOMPARE(r.error(), QStringLiteral("workloads[3].rate: is wrong"));
}

QTEST_GUILESS_MAIN(TestJsonFieldReader)
#include "tst_jsonfieldreader.moc"

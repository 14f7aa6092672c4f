#include "core/sqlquote.h"

#include <QTest>

using namespace bs;

class TestSqlQuote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoteIdentifier_data();
    void quoteIdentifier();
    void quoteLiteral_data();
    void quoteLiteral();
    void identifierProblem_data();
    void identifierProblem();
    void commentText_data();
    void commentText();
};

void TestSqlQuote::quoteIdentifier_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"Orders"_qs << u"[Orders]"_qs;
    QTest::newRow("closing bracket doubled") << u"a]b"_qs << u"[a]]b]"_qs;
    QTest::newRow("only brackets") << u"]]"_qs << u"[]]]]]"_qs;
    QTest::newRow("opening bracket kept") << u"[x"_qs << u"[[x]"_qs;
    QTest::newRow("quote kept") << u"O'Brien"_qs << u"[O'Brien]"_qs;
    QTest::newRow("unicode") << u"Очередь_キュー_ü"_qs << u"[Очередь_キュー_ü]"_qs;
    QTest::newRow("service url") << u"//Contoso/Orders/Target"_qs << u"[//Contoso/Orders/Target]"_qs;
    const QString longName(128, QLatin1Char(']'));
    QTest::newRow("128 brackets") << longName << (QLatin1Char('[') + QString(256, QLatin1Char(']')) + QLatin1Char(']'));
}

void TestSqlQuote::quoteIdentifier()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(bs::quoteIdentifier(input), expected);
}

void TestSqlQuote::quoteLiteral_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"abc"_qs << u"N'abc'"_qs;
    QTest::newRow("empty") << QString() << u"N''"_qs;
    QTest::newRow("quote doubled") << u"O'Brien"_qs << u"N'O''Brien'"_qs;
    QTest::newRow("two quotes") << u"''"_qs << u"N''''''"_qs;
    QTest::newRow("bracket kept") << u"a]b"_qs << u"N'a]b'"_qs;
    QTest::newRow("unicode") << u"日本語"_qs << u"N'日本語'"_qs;
}

void TestSqlQuote::quoteLiteral()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(bs::quoteLiteral(input), expected);
}

void TestSqlQuote::identifierProblem_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedFragment"); // empty = valid
    QTest::newRow("valid") << u"Orders"_qs << QString();
    QTest::newRow("empty") << QString() << u"is empty"_qs;
    QTest::newRow("blank") << u"   "_qs << u"is empty"_qs;
    QTest::newRow("128 ok") << QString(128, QLatin1Char('x')) << QString();
    QTest::newRow("129 too long") << QString(129, QLatin1Char('x')) << u"129 characters"_qs;
    QTest::newRow("control") << u"a\tb"_qs << u"control character"_qs;
    QTest::newRow("odd but valid") << u"a]'b Ü"_qs << QString();
}

void TestSqlQuote::identifierProblem()
{
    QFETCH(QString, input);
    QFETCH(QString, expectedFragment);
    const QString problem = bs::identifierProblem(input, u"Queue name"_qs);
    if (expectedFragment.isEmpty()) {
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        QVERIFY2(problem.contains(expectedFragment), qPrintable(problem));
        QVERIFY(problem.startsWith(u"Queue name"_qs));
    }
}

void TestSqlQuote::commentText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"[dbo].[Target]"_qs << u"[dbo].[Target]"_qs;
    QTest::newRow("LF ends a -- comment") << u"Target\nDROP TABLE dbo.Orders; --"_qs
                                          << u"Target\\u{000A}DROP TABLE dbo.Orders; --"_qs;
    QTest::newRow("CR LF") << u"a\r\nb"_qs << u"a\\u{000D}\\u{000A}b"_qs;
    QTest::newRow("NEL") << u"a\u0085b"_qs << u"a\\u{0085}b"_qs;
    QTest::newRow("line separator") << u"a\u2028b"_qs << u"a\\u{2028}b"_qs;
    QTest::newRow("paragraph separator") << u"a\u2029b"_qs << u"a\\u{2029}b"_qs;
    QTest::newRow("right-to-left override") << u"abc\u202Edef"_qs << u"abc\\u{202E}def"_qs;
    QTest::newRow("zero-width space") << u"a\u200Bb"_qs << u"a\\u{200B}b"_qs;
    QTest::newRow("tab") << u"a\tb"_qs << u"a\\u{0009}b"_qs;
    QTest::newRow("block comment end") << u"x*/DROP"_qs << u"x* /DROP"_qs;
    QTest::newRow("block comment start") << u"x/*y"_qs << u"x/ *y"_qs;
    QTest::newRow("slash star slash") << u"*/*"_qs << u"* / *"_qs;
    QTest::newRow("dashes kept") << u"a--b"_qs << u"a--b"_qs;
    QTest::newRow("unicode kept") << u"Очередь_キュー"_qs << u"Очередь_キュー"_qs;
}

void TestSqlQuote::commentText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString out = bs::commentText(input);
    QCOMPARE(out, expected);
    // Whatever the input, the result never leaves a comment: no line break, no block delimiters.
    for (const QChar c : out)
        QVERIFY(c.category() != QChar::Other_Control && c.category() != QChar::Separator_Line
                && c.category() != QChar::Separator_Paragraph && c.category() != QChar::Other_Format);
    QVERIFY(!out.contains(u"*/"_qs));
    QVERIFY(!out.contains(u"/*"_qs));
}

QTEST_GUILESS_MAIN(TestSqlQuote)
#include "tst_sqlquote.moc"

#include "ui/sqlhighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace bs;

namespace {

// The token kind the highlighter gave the character at `pos` of the document.
SqlHighlighter::Token tokenAt(const QTextDocument &doc, const SqlHighlighter &h, int pos)
{
    const QTextBlock block = doc.findBlock(pos);
    const int inBlock = pos - block.position();
    QColor color;
    for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
        if (inBlock >= r.start && inBlock < r.start + r.length)
            color = r.format.foreground().color();
    }
    for (SqlHighlighter::Token t : {SqlHighlighter::Token::Keyword, SqlHighlighter::Token::String, SqlHighlighter::Token::Comment,
                                    SqlHighlighter::Token::Identifier, SqlHighlighter::Token::Variable, SqlHighlighter::Token::Number}) {
        if (color.isValid() && h.format(t).foreground().color() == color)
            return t;
    }
    return SqlHighlighter::Token::Plain;
}

} // namespace

class TestSqlHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokens_data();
    void tokens();
};

void TestSqlHighlighter::tokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("needle"); // looked up at the first character of its last occurrence
    QTest::addColumn<int>("token");

    using T = SqlHighlighter::Token;
    QTest::newRow("keyword") << u"select 1"_qs << u"select"_qs << int(T::Keyword);
    QTest::newRow("broker keyword") << u"WAITFOR (RECEIVE TOP (1) * FROM q)"_qs << u"RECEIVE"_qs << int(T::Keyword);
    QTest::newRow("plain name") << u"SELECT foo"_qs << u"foo"_qs << int(T::Plain);
    QTest::newRow("N string") << u"PRINT N'it''s SELECT'"_qs << u"N'"_qs << int(T::String);
    QTest::newRow("keyword inside string") << u"PRINT N'it''s SELECT'"_qs << u"SELECT'"_qs << int(T::String);
    QTest::newRow("after string") << u"PRINT N'a''b' FROM"_qs << u"FROM"_qs << int(T::Keyword);
    QTest::newRow("multi-line string") << u"PRINT 'one\nSELECT two'; SELECT"_qs << u"SELECT two"_qs << int(T::String);
    QTest::newRow("after multi-line string") << u"PRINT 'one\nSELECT two'; SELECT"_qs << u"SELECT"_qs << int(T::Keyword);
    QTest::newRow("line comment") << u"SELECT 1 -- FROM here"_qs << u"FROM"_qs << int(T::Comment);
    QTest::newRow("block comment") << u"/* SELECT */ FROM"_qs << u"SELECT"_qs << int(T::Comment);
    QTest::newRow("nested block comment") << u"/* a /* b */ SELECT */ FROM"_qs << u"SELECT"_qs << int(T::Comment);
    QTest::newRow("after nested comment") << u"/* a /* b */ c */ FROM"_qs << u"FROM"_qs << int(T::Keyword);
    QTest::newRow("comment over lines") << u"/* a\n/* b */\nSELECT */ FROM"_qs << u"SELECT"_qs << int(T::Comment);
    QTest::newRow("bracket identifier") << u"CREATE QUEUE [dbo].[Select]]x]"_qs << u"Select"_qs << int(T::Identifier);
    QTest::newRow("after bracket with ]]") << u"[a]]b] FROM"_qs << u"FROM"_qs << int(T::Keyword);
    QTest::newRow("variable") << u"DECLARE @handle uniqueidentifier"_qs << u"@handle"_qs << int(T::Variable);
    QTest::newRow("number") << u"TIMEOUT 5000"_qs << u"5000"_qs << int(T::Number);
}

void TestSqlHighlighter::tokens()
{
    QFETCH(QString, text);
    QFETCH(QString, needle);
    QFETCH(int, token);
    QTextDocument doc;
    SqlHighlighter h(&doc);
    doc.setPlainText(text);
    h.rehighlight();
    const int pos = int(text.lastIndexOf(needle));
    QVERIFY(pos >= 0);
    QCOMPARE(int(tokenAt(doc, h, pos)), token);
}

QTEST_MAIN(TestSqlHighlighter)
#include "tst_sqlhighlighter.moc"

#include "core/tsql/tsqltokenizer.h"

#include <QTest>

using namespace bs;

namespace {

// "kind:text" per token, the form the rows below are written in.
QStringList describe(const QString &text)
{
    QStringList out;
    for (const TsqlToken &t : TsqlTokenizer::tokenize(text)) {
        QString d = tsqlTokenKindName(t.kind) + u':' + t.text(text).toString();
        if (t.error != TsqlTokenError::None)
            d += u"!"_qs;
        if (t.kind == TsqlTokenKind::Go)
            d += u'×' + QString::number(t.goCount);
        out << d;
    }
    return out;
}

} // namespace

class TestTsqlTokenizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokens_data();
    void tokens();
    void positions();
    void keywords();
    void identifierAndStringValues_data();
    void identifierAndStringValues();
    void errors_data();
    void errors();
    void coversEveryCharacter_data();
    void coversEveryCharacter();
};

void TestTsqlTokenizer::tokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("blanks only") << u" \t\r\n  \n"_qs << QStringList();
    QTest::newRow("select") << u"SELECT a, b FROM t;"_qs
                            << QStringList{u"word:SELECT"_qs, u"word:a"_qs, u"comma:,"_qs, u"word:b"_qs,
                                           u"word:FROM"_qs, u"word:t"_qs, u"semicolon:;"_qs};
    QTest::newRow("line comment keeps the statement out")
        << u"-- END CONVERSATION @h\nSEND"_qs << QStringList{u"line-comment:-- END CONVERSATION @h"_qs, u"word:SEND"_qs};
    QTest::newRow("line comment before CRLF") << u"a -- x\r\nb"_qs
                                              << QStringList{u"word:a"_qs, u"line-comment:-- x"_qs, u"word:b"_qs};
    QTest::newRow("nested block comment")
        << u"a /* one /* two */ still */ b"_qs
        << QStringList{u"word:a"_qs, u"block-comment:/* one /* two */ still */"_qs, u"word:b"_qs};
    QTest::newRow("block comment with quote and bracket")
        << u"/* it's [odd */ x"_qs << QStringList{u"block-comment:/* it's [odd */"_qs, u"word:x"_qs};
    QTest::newRow("strings with doubled quotes")
        << u"'it''s' N'Ünïcødé' n'x'"_qs
        << QStringList{u"string:'it''s'"_qs, u"string:N'Ünïcødé'"_qs, u"string:n'x'"_qs};
    QTest::newRow("comment marks inside a string")
        << u"'-- not /* a comment' x"_qs << QStringList{u"string:'-- not /* a comment'"_qs, u"word:x"_qs};
    QTest::newRow("multi-line string") << u"'a\nb' c"_qs << QStringList{u"string:'a\nb'"_qs, u"word:c"_qs};
    QTest::newRow("bracketed identifier with ]]")
        << u"[a]]b].[c d]"_qs << QStringList{u"quoted-identifier:[a]]b]"_qs, u"dot:."_qs, u"quoted-identifier:[c d]"_qs};
    QTest::newRow("bracket with quote and comment marks")
        << u"[it's -- /*]"_qs << QStringList{u"quoted-identifier:[it's -- /*]"_qs};
    QTest::newRow("double-quoted identifier") << u"\"a\"\"b\" x"_qs
                                              << QStringList{u"quoted-identifier:\"a\"\"b\""_qs, u"word:x"_qs};
    QTest::newRow("numbers") << u"1 12.5 .5 1e10 2.5E-3 0x0aFF $12.50 -3"_qs
                             << QStringList{u"number:1"_qs, u"number:12.5"_qs, u"number:.5"_qs, u"number:1e10"_qs,
                                            u"number:2.5E-3"_qs, u"number:0x0aFF"_qs, u"number:$12.50"_qs,
                                            u"operator:-"_qs, u"number:3"_qs};
    QTest::newRow("dotted names are not numbers")
        << u"db..t s.[q]"_qs
        << QStringList{u"word:db"_qs, u"dot:."_qs, u"dot:."_qs, u"word:t"_qs, u"word:s"_qs, u"dot:."_qs,
                       u"quoted-identifier:[q]"_qs};
    QTest::newRow("variables") << u"@h @@ROWCOUNT @x1$#"_qs
                               << QStringList{u"variable:@h"_qs, u"variable:@@ROWCOUNT"_qs, u"variable:@x1$#"_qs};
    QTest::newRow("temp tables and $action") << u"#t ##g $action"_qs
                                             << QStringList{u"word:#t"_qs, u"word:##g"_qs, u"word:$action"_qs};
    QTest::newRow("unicode identifier") << u"Очередь_1 キュー"_qs
                                        << QStringList{u"word:Очередь_1"_qs, u"word:キュー"_qs};
    QTest::newRow("operators") << u"a<>b!=c<=d>=e+=1::x%=2!<3"_qs
                               << QStringList{u"word:a"_qs, u"operator:<>"_qs, u"word:b"_qs, u"operator:!="_qs,
                                              u"word:c"_qs, u"operator:<="_qs, u"word:d"_qs, u"operator:>="_qs,
                                              u"word:e"_qs, u"operator:+="_qs, u"number:1"_qs, u"operator:::"_qs,
                                              u"word:x"_qs, u"operator:%="_qs, u"number:2"_qs, u"operator:!<"_qs,
                                              u"number:3"_qs};
    QTest::newRow("minus before comment") << u"1 - -- c\n2"_qs
                                          << QStringList{u"number:1"_qs, u"operator:-"_qs, u"line-comment:-- c"_qs,
                                                         u"number:2"_qs};
    QTest::newRow("N alone is a word") << u"N + Nvarchar"_qs
                                       << QStringList{u"word:N"_qs, u"operator:+"_qs, u"word:Nvarchar"_qs};
    QTest::newRow("label") << u"retry: GOTO retry"_qs
                           << QStringList{u"word:retry"_qs, u"operator::"_qs, u"word:GOTO"_qs, u"word:retry"_qs};
    QTest::newRow("other characters") << u"{x}\\"_qs
                                      << QStringList{u"other:{"_qs, u"word:x"_qs, u"other:}"_qs, u"other:\\"_qs};
    // GO lines
    QTest::newRow("GO") << u"SELECT 1\nGO\nSELECT 2"_qs
                        << QStringList{u"word:SELECT"_qs, u"number:1"_qs, u"go:GO×1"_qs, u"word:SELECT"_qs,
                                       u"number:2"_qs};
    QTest::newRow("go 3 with comment") << u"  go 3 -- thrice\nx"_qs
                                       << QStringList{u"go:go 3×3"_qs, u"line-comment:-- thrice"_qs, u"word:x"_qs};
    QTest::newRow("GO with nested block comment") << u"GO 2 /* a /* b */ */"_qs
                                                  << QStringList{u"go:GO 2×2"_qs, u"block-comment:/* a /* b */ */"_qs};
    QTest::newRow("GO CRLF") << u"x\r\nGO\r\ny"_qs << QStringList{u"word:x"_qs, u"go:GO×1"_qs, u"word:y"_qs};
    QTest::newRow("GO after code is a word") << u"SELECT 1 GO"_qs
                                             << QStringList{u"word:SELECT"_qs, u"number:1"_qs, u"word:GO"_qs};
    QTest::newRow("GOTO") << u"GOTO x"_qs << QStringList{u"word:GOTO"_qs, u"word:x"_qs};
    QTest::newRow("GO; is a word") << u"GO;"_qs << QStringList{u"word:GO"_qs, u"semicolon:;"_qs};
    QTest::newRow("GO label") << u"GO:"_qs << QStringList{u"word:GO"_qs, u"operator::"_qs};
    QTest::newRow("GO inside a string") << u"'a\nGO\nb'"_qs << QStringList{u"string:'a\nGO\nb'"_qs};
    QTest::newRow("GO inside brackets") << u"[a\nGO\n]"_qs << QStringList{u"quoted-identifier:[a\nGO\n]"_qs};
    QTest::newRow("GO inside a block comment") << u"/*\nGO\n*/"_qs << QStringList{u"block-comment:/*\nGO\n*/"_qs};
    QTest::newRow("GO after a block comment closing on the line")
        << u"/* x */ GO"_qs << QStringList{u"block-comment:/* x */"_qs, u"word:GO"_qs};
    QTest::newRow("[GO] is a name") << u"[GO]"_qs << QStringList{u"quoted-identifier:[GO]"_qs};
}

void TestTsqlTokenizer::tokens()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(text), expected);
}

void TestTsqlTokenizer::positions()
{
    const QString text = u"SELECT 1;\r\n  /* a\n b */ SEND\n\tN'x\ny' @h\nGO 2"_qs;
    const QList<TsqlToken> t = TsqlTokenizer::tokenize(text);
    QList<std::pair<int, int>> got;
    for (const TsqlToken &k : t)
        got.append({k.line, k.column});
    const QList<std::pair<int, int>> expected{{1, 1}, {1, 8}, {1, 9}, {2, 3}, {3, 7}, {4, 2}, {5, 4}, {6, 1}};
    QCOMPARE(got, expected);
    QCOMPARE(t.last().goCount, 2);
    QCOMPARE(t.at(5).text(text), u"N'x\ny'");
}

void TestTsqlTokenizer::keywords()
{
    const QString text = u"begin Dialog CONVERSATION related_conversation_group beginx [BEGIN] @begin 'END'"_qs;
    QList<TsqlKeyword> got;
    for (const TsqlToken &t : TsqlTokenizer::tokenize(text))
        got.append(t.keyword);
    const QList<TsqlKeyword> expected{TsqlKeyword::Begin,
                                      TsqlKeyword::Dialog,
                                      TsqlKeyword::Conversation,
                                      TsqlKeyword::RelatedConversationGroup,
                                      TsqlKeyword::None,
                                      TsqlKeyword::None,
                                      TsqlKeyword::None,
                                      TsqlKeyword::None};
    QCOMPARE(got, expected);
    QCOMPARE(tsqlKeyword(u"waitFor"), TsqlKeyword::Waitfor);
    QCOMPARE(tsqlKeyword(u"bégin"), TsqlKeyword::None);
    QCOMPARE(tsqlKeywordText(TsqlKeyword::None), QString());
    QCOMPARE(tsqlKeywordText(TsqlKeyword::RelatedConversation), u"RELATED_CONVERSATION"_qs);
}

void TestTsqlTokenizer::identifierAndStringValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::newRow("bracket") << u"[a]]b]"_qs << u"a]b"_qs;
    QTest::newRow("double quote") << u"\"x\"\"y\""_qs << u"x\"y"_qs;
    QTest::newRow("word") << u"dbo"_qs << u"dbo"_qs;
    QTest::newRow("string") << u"'it''s'"_qs << u"it's"_qs;
    QTest::newRow("N string") << u"N'//Orders/Target'"_qs << u"//Orders/Target"_qs;
    QTest::newRow("unterminated string") << u"N'abc"_qs << u"abc"_qs;
    QTest::newRow("hostile bracket") << u"[x]]; DROP TABLE t; --]"_qs << u"x]; DROP TABLE t; --"_qs;
}

void TestTsqlTokenizer::identifierAndStringValues()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    const QList<TsqlToken> t = TsqlTokenizer::tokenize(text);
    QCOMPARE(t.size(), 1);
    const QString got = t.first().kind == TsqlTokenKind::String ? t.first().stringValue(text) : t.first().identifier(text);
    QCOMPARE(got, value);
}

void TestTsqlTokenizer::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("errorToken");
    QTest::addColumn<int>("error");
    QTest::newRow("unterminated string") << u"SELECT 'abc"_qs << 1 << int(TsqlTokenError::UnterminatedString);
    QTest::newRow("unterminated bracket") << u"SELECT [abc"_qs << 1 << int(TsqlTokenError::UnterminatedIdentifier);
    QTest::newRow("unterminated comment") << u"x /* a /* b */"_qs << 1 << int(TsqlTokenError::UnterminatedComment);
    QTest::newRow("GO 0") << u"x\nGO 0"_qs << 1 << int(TsqlTokenError::InvalidGo);
    QTest::newRow("GO with text") << u"GO SELECT 2"_qs << 0 << int(TsqlTokenError::InvalidGo);
    QTest::newRow("GO -1") << u"GO -1"_qs << 0 << int(TsqlTokenError::InvalidGo);
    QTest::newRow("GO 2x") << u"GO 2x"_qs << 0 << int(TsqlTokenError::InvalidGo);
    QTest::newRow("GO count too large") << u"GO 99999999999"_qs << 0 << int(TsqlTokenError::InvalidGo);
    QTest::newRow("GO with an open block comment") << u"GO /* open\n*/"_qs << 0 << int(TsqlTokenError::InvalidGo);
}

void TestTsqlTokenizer::errors()
{
    QFETCH(QString, text);
    QFETCH(int, errorToken);
    QFETCH(int, error);
    const QList<TsqlToken> t = TsqlTokenizer::tokenize(text);
    QVERIFY(errorToken < t.size());
    QCOMPARE(int(t.at(errorToken).error), error);
    QVERIFY(!tsqlTokenErrorText(t.at(errorToken).error).isEmpty());
    for (int i = 0; i < t.size(); ++i) {
        if (i != errorToken)
            QCOMPARE(t.at(i).error, TsqlTokenError::None);
    }
}

void TestTsqlTokenizer::coversEveryCharacter_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("procedure") << u"CREATE PROC p @a AS int AS BEGIN /* c */ SELECT N'x''y', [a]]b] -- t\nEND"_qs;
    QTest::newRow("garbage") << u"\x01\u200b'\n[\"/*"_qs;
    QTest::newRow("surrogates") << u"SELECT N'😀' AS [😀], x😀y"_qs;
}

// Tokens never overlap, appear in order, and everything between them is whitespace.
void TestTsqlTokenizer::coversEveryCharacter()
{
    QFETCH(QString, text);
    qsizetype pos = 0;
    for (const TsqlToken &t : TsqlTokenizer::tokenize(text)) {
        QVERIFY(t.offset >= pos);
        QVERIFY(t.length > 0);
        for (qsizetype i = pos; i < t.offset; ++i)
            QVERIFY2(text.at(i).isSpace(), qPrintable(QString::number(i)));
        pos = t.offset + t.length;
    }
    QVERIFY(pos <= text.size());
    for (qsizetype i = pos; i < text.size(); ++i)
        QVERIFY(text.at(i).isSpace());
}

QTEST_GUILESS_MAIN(TestTsqlTokenizer)
#include "tst_tsqltokenizer.moc"

#include "core/tsql/tsqlscript.h"

#include <QRegularExpression>
#include <QTest>

using namespace bs;

namespace {

// One line per statement: indentation by depth, the kind, and the head's text on one line.
QStringList tree(const TsqlScript &script)
{
    static const QRegularExpression blanks(QStringLiteral("\\s+"));
    QStringList out;
    for (int i = 0; i < script.statements().size(); ++i) {
        const TsqlStatement &s = script.statements().at(i);
        QStringList head;
        for (int t : script.headTokens(i))
            head << script.tokenText(t).toString();
        out << QString(s.depth * 2, u' ') + tsqlStatementKindName(s.kind) + u": " + head.join(u' ').replace(blanks, u" "_qs);
    }
    return out;
}

} // namespace

class TestTsqlStatementSplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
    void problems_data();
    void problems();
    void navigation();
};

void TestTsqlStatementSplitter::split_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("semicolons") << u"SELECT 1; SELECT 2;"_qs
                                << QStringList{u"select: SELECT 1 ;"_qs, u"select: SELECT 2 ;"_qs};
    QTest::newRow("no semicolons") << u"DECLARE @h uniqueidentifier SELECT @h = NEWID() SET @x = 1 PRINT @x"_qs
                                   << QStringList{u"declare: DECLARE @h uniqueidentifier"_qs,
                                                  u"select: SELECT @h = NEWID ( )"_qs, u"set: SET @x = 1"_qs,
                                                  u"print: PRINT @x"_qs};
    QTest::newRow("fire and forget")
        << u"BEGIN DIALOG CONVERSATION @h FROM SERVICE [i] TO SERVICE N't' ON CONTRACT [c] WITH ENCRYPTION = OFF\n"
           "SEND ON CONVERSATION @h MESSAGE TYPE [m] (@b)\nEND CONVERSATION @h"_qs
        << QStringList{u"begin-dialog: BEGIN DIALOG CONVERSATION @h FROM SERVICE [i] TO SERVICE N't' ON CONTRACT [c] WITH ENCRYPTION = OFF"_qs,
                       u"send: SEND ON CONVERSATION @h MESSAGE TYPE [m] ( @b )"_qs,
                       u"end-conversation: END CONVERSATION @h"_qs};
    QTest::newRow("receive loop")
        << u"WHILE 1 = 1 BEGIN WAITFOR (RECEIVE TOP (1) @h = conversation_handle FROM q), TIMEOUT 500 "
           "IF @@ROWCOUNT = 0 BREAK IF @t = N'x' END CONVERSATION @h ELSE BEGIN SELECT 1 END END"_qs
        << QStringList{u"while: WHILE 1 = 1"_qs, u"  block: BEGIN"_qs,
                       u"    waitfor: WAITFOR ( RECEIVE TOP ( 1 ) @h = conversation_handle FROM q ) , TIMEOUT 500"_qs,
                       u"    if: IF @@ROWCOUNT = 0"_qs, u"      break: BREAK"_qs, u"    if: IF @t = N'x'"_qs,
                       u"      end-conversation: END CONVERSATION @h"_qs, u"      else: ELSE"_qs,
                       u"        block: BEGIN"_qs, u"          select: SELECT 1"_qs};
    QTest::newRow("try catch nested")
        << u"BEGIN TRY BEGIN TRY SELECT 1 END TRY BEGIN CATCH ROLLBACK END CATCH END TRY "
           "BEGIN CATCH IF XACT_STATE() = -1 ROLLBACK; THROW; END CATCH"_qs
        << QStringList{u"try: BEGIN TRY"_qs, u"  try: BEGIN TRY"_qs, u"    select: SELECT 1"_qs,
                       u"    catch: BEGIN CATCH"_qs, u"      rollback: ROLLBACK"_qs, u"  catch: BEGIN CATCH"_qs,
                       u"    if: IF XACT_STATE ( ) = - 1"_qs, u"      rollback: ROLLBACK ;"_qs, u"    throw: THROW ;"_qs};
    QTest::newRow("case end does not close a block")
        << u"BEGIN SELECT CASE WHEN a = 1 THEN 'x' ELSE (CASE b WHEN 2 THEN 'y' END) END FROM t SELECT 2 END"_qs
        << QStringList{u"block: BEGIN"_qs,
                       u"  select: SELECT CASE WHEN a = 1 THEN 'x' ELSE ( CASE b WHEN 2 THEN 'y' END ) END FROM t"_qs,
                       u"  select: SELECT 2"_qs};
    QTest::newRow("if else with semicolon") << u"IF @a IS NULL SET @a = 1; ELSE SET @a = 2;"_qs
                                            << QStringList{u"if: IF @a IS NULL"_qs, u"  set: SET @a = 1 ;"_qs,
                                                           u"  else: ELSE"_qs, u"    set: SET @a = 2 ;"_qs};
    QTest::newRow("else if") << u"IF @a = 1 PRINT 1 ELSE IF @a = 2 PRINT 2 ELSE PRINT 3"_qs
                             << QStringList{u"if: IF @a = 1"_qs, u"  print: PRINT 1"_qs, u"  else: ELSE"_qs,
                                            u"    if: IF @a = 2"_qs, u"      print: PRINT 2"_qs, u"      else: ELSE"_qs,
                                            u"        print: PRINT 3"_qs};
    QTest::newRow("insert select and exec") << u"INSERT INTO t (a) SELECT 1 INSERT @r EXEC p SELECT 2"_qs
                                            << QStringList{u"insert: INSERT INTO t ( a ) SELECT 1"_qs,
                                                           u"insert: INSERT @r EXEC p"_qs, u"select: SELECT 2"_qs};
    QTest::newRow("update set then set") << u"UPDATE t SET a = 1 WHERE b = 2 SET @x = 3"_qs
                                         << QStringList{u"update: UPDATE t SET a = 1 WHERE b = 2"_qs,
                                                        u"set: SET @x = 3"_qs};
    QTest::newRow("union and subquery") << u"SELECT 1 UNION ALL SELECT 2 IF EXISTS (SELECT 1 FROM t) RETURN"_qs
                                        << QStringList{u"select: SELECT 1 UNION ALL SELECT 2"_qs,
                                                       u"if: IF EXISTS ( SELECT 1 FROM t )"_qs, u"  return: RETURN"_qs};
    QTest::newRow("cte") << u"SELECT 0;\nWITH c AS (SELECT 1 AS x) INSERT INTO t SELECT x FROM c SELECT 2"_qs
                         << QStringList{u"select: SELECT 0 ;"_qs,
                                        u"with: WITH c AS ( SELECT 1 AS x ) INSERT INTO t SELECT x FROM c"_qs,
                                        u"select: SELECT 2"_qs};
    QTest::newRow("grant send") << u"GRANT SEND ON SERVICE::[s] TO [u] GRANT RECEIVE ON q TO u"_qs
                                << QStringList{u"other: GRANT SEND ON SERVICE :: [s] TO [u]"_qs,
                                               u"other: GRANT RECEIVE ON q TO u"_qs};
    QTest::newRow("set nocount on then select") << u"SET NOCOUNT ON SELECT 1"_qs
                                                << QStringList{u"set: SET NOCOUNT ON"_qs, u"select: SELECT 1"_qs};
    QTest::newRow("alter database set") << u"ALTER DATABASE [d] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE SET @x = 1"_qs
                                        << QStringList{u"alter: ALTER DATABASE [d] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE"_qs,
                                                       u"set: SET @x = 1"_qs};
    QTest::newRow("alter queue then set") << u"ALTER QUEUE q WITH STATUS = ON SET @x = 1"_qs
                                          << QStringList{u"alter: ALTER QUEUE q WITH STATUS = ON"_qs, u"set: SET @x = 1"_qs};
    QTest::newRow("table hint with") << u"SELECT @h = h FROM t WITH (NOLOCK) WHERE a = 1 SEND ON CONVERSATION @h"_qs
                                     << QStringList{u"select: SELECT @h = h FROM t WITH ( NOLOCK ) WHERE a = 1"_qs,
                                                    u"send: SEND ON CONVERSATION @h"_qs};
    QTest::newRow("cursor for select") << u"DECLARE c CURSOR LOCAL FOR SELECT a FROM t OPEN c FETCH NEXT FROM c INTO @a"_qs
                                       << QStringList{u"declare: DECLARE c CURSOR LOCAL FOR SELECT a FROM t"_qs,
                                                      u"other: OPEN c"_qs, u"other: FETCH NEXT FROM c INTO @a"_qs};
    QTest::newRow("get conversation group and move")
        << u"WAITFOR (GET CONVERSATION GROUP @g FROM q), TIMEOUT 10 GET CONVERSATION GROUP @g FROM q MOVE CONVERSATION @h TO @g"_qs
        << QStringList{u"waitfor: WAITFOR ( GET CONVERSATION GROUP @g FROM q ) , TIMEOUT 10"_qs,
                       u"get-conversation-group: GET CONVERSATION GROUP @g FROM q"_qs,
                       u"move-conversation: MOVE CONVERSATION @h TO @g"_qs};
    QTest::newRow("begin transaction and timer")
        << u"BEGIN TRAN BEGIN CONVERSATION TIMER (@h) TIMEOUT = 60 COMMIT TRANSACTION"_qs
        << QStringList{u"begin-transaction: BEGIN TRAN"_qs,
                       u"begin-conversation-timer: BEGIN CONVERSATION TIMER ( @h ) TIMEOUT = 60"_qs,
                       u"commit: COMMIT TRANSACTION"_qs};
    QTest::newRow("end conversation with error") << u"END CONVERSATION @h WITH ERROR = 1 DESCRIPTION = N'x' RETURN"_qs
                                                 << QStringList{u"end-conversation: END CONVERSATION @h WITH ERROR = 1 DESCRIPTION = N'x'"_qs,
                                                                u"return: RETURN"_qs};
    QTest::newRow("procedure") << u"CREATE PROCEDURE dbo.p @a AS int = 1, @b int OUTPUT WITH EXECUTE AS OWNER AS\n"
                                  "SET NOCOUNT ON;\nBEGIN SEND ON CONVERSATION @h END\nSELECT 1"_qs
                               << QStringList{u"module: CREATE PROCEDURE dbo . p @a AS int = 1 , @b int OUTPUT WITH EXECUTE AS OWNER AS"_qs,
                                              u"  set: SET NOCOUNT ON ;"_qs, u"  block: BEGIN"_qs,
                                              u"    send: SEND ON CONVERSATION @h"_qs, u"  select: SELECT 1"_qs};
    QTest::newRow("create or alter proc then GO")
        << u"CREATE OR ALTER PROC [s].[p] AS SELECT 1\nGO\nEXEC [s].[p]"_qs
        << QStringList{u"module: CREATE OR ALTER PROC [s] . [p] AS"_qs, u"  select: SELECT 1"_qs,
                       u"execute: EXEC [s] . [p]"_qs};
    QTest::newRow("inline function") << u"CREATE FUNCTION f() RETURNS TABLE AS RETURN SELECT 1 AS a"_qs
                                     << QStringList{u"module: CREATE FUNCTION f ( ) RETURNS TABLE AS"_qs,
                                                    u"  return: RETURN SELECT 1 AS a"_qs};
    QTest::newRow("trigger") << u"CREATE TRIGGER tr ON t AFTER INSERT, UPDATE AS IF UPDATE(a) SEND ON CONVERSATION @h"_qs
                             << QStringList{u"module: CREATE TRIGGER tr ON t AFTER INSERT , UPDATE AS"_qs,
                                            u"  if: IF UPDATE ( a )"_qs, u"    send: SEND ON CONVERSATION @h"_qs};
    QTest::newRow("statements in comments and strings are not statements")
        << u"PRINT N'END CONVERSATION @h' /* SEND ON CONVERSATION @h */ -- BEGIN DIALOG\nSELECT [END CONVERSATION]"_qs
        << QStringList{u"print: PRINT N'END CONVERSATION @h'"_qs, u"select: SELECT [END CONVERSATION]"_qs};
    QTest::newRow("label and goto") << u"retry: SELECT 1 GOTO retry"_qs
                                    << QStringList{u"label: retry :"_qs, u"select: SELECT 1"_qs, u"goto: GOTO retry"_qs};
    QTest::newRow("merge needs its semicolon")
        << u"MERGE t USING s ON t.a = s.a WHEN MATCHED THEN UPDATE SET b = 1 WHEN NOT MATCHED THEN INSERT (a) VALUES (1); SELECT 1"_qs
        << QStringList{u"merge: MERGE t USING s ON t . a = s . a WHEN MATCHED THEN UPDATE SET b = 1 WHEN NOT MATCHED THEN INSERT ( a ) VALUES ( 1 ) ;"_qs,
                       u"select: SELECT 1"_qs};
    QTest::newRow("column named like a keyword") << u"SELECT send, receive FROM t"_qs
                                                 << QStringList{u"select: SELECT send , receive FROM t"_qs};
}

void TestTsqlStatementSplitter::split()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const TsqlScript script(text);
    QCOMPARE(tree(script), expected);
    QVERIFY2(script.problems().isEmpty(), qPrintable(script.problems().value(0).message));
}

void TestTsqlStatementSplitter::problems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("END without BEGIN") << u"SELECT 1 END"_qs << u"END without BEGIN"_qs;
    QTest::newRow("BEGIN without END") << u"BEGIN SELECT 1"_qs << u"BEGIN without END"_qs;
    QTest::newRow("GO closes an open block") << u"BEGIN SELECT 1\nGO\nSELECT 2"_qs << u"BEGIN without END"_qs;
    QTest::newRow("END TRY missing") << u"BEGIN TRY SELECT 1 END BEGIN CATCH END CATCH"_qs << u"expected END TRY"_qs;
    QTest::newRow("TRY without CATCH") << u"BEGIN TRY SELECT 1 END TRY"_qs << u"END TRY not followed by BEGIN CATCH"_qs;
    QTest::newRow("ELSE without IF") << u"SELECT 1; ELSE SELECT 2"_qs << u"ELSE without IF"_qs;
    QTest::newRow("IF without statement") << u"IF 1 = 1"_qs << u"IF without a statement"_qs;
    QTest::newRow("module without body") << u"CREATE PROCEDURE p"_qs << u"module header without AS and a body"_qs;
}

void TestTsqlStatementSplitter::problems()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const TsqlScript script(text);
    QStringList messages;
    for (const TsqlParseProblem &p : script.problems())
        messages << p.message;
    QVERIFY2(messages.contains(problem), qPrintable(messages.join(u" | ")));
}

void TestTsqlStatementSplitter::navigation()
{
    const TsqlScript script(u"CREATE PROC p AS BEGIN TRY WHILE 1 = 1 BEGIN RECEIVE * FROM q END END TRY BEGIN CATCH THROW END CATCH"_qs);
    int receive = -1;
    for (int i = 0; i < script.statements().size(); ++i) {
        if (script.statements().at(i).kind == TsqlStatementKind::Receive)
            receive = i;
    }
    QVERIFY(receive > 0);
    const int loop = script.enclosing(receive, TsqlStatementKind::While);
    const int tryBlock = script.enclosing(receive, TsqlStatementKind::Try);
    QVERIFY(loop > 0);
    QVERIFY(tryBlock > 0);
    QCOMPARE(script.enclosing(receive, TsqlStatementKind::Catch), -1);
    QVERIFY(script.isWithin(receive, tryBlock));
    QCOMPARE(script.statementText(receive), u"RECEIVE * FROM q");
    QCOMPARE(script.children(-1).size(), 1);
    const QList<int> tryChildren = script.children(tryBlock);
    QCOMPARE(tryChildren.size(), 2);
    QCOMPARE(script.statements().at(tryChildren.last()).kind, TsqlStatementKind::Catch);
    QCOMPARE(script.statementText(tryBlock).right(9), u"END CATCH");
}

QTEST_GUILESS_MAIN(TestTsqlStatementSplitter)
#include "tst_tsqlstatementsplitter.moc"

#include "core/check/healthcheck.h"
#include "core/script/patternoptions.h"
#include "core/tsql/tsqlscript.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace bs;

namespace {

// Runs only the code rules' view: one module, optionally the activation procedure of a queue.
QStringList lint(const QString &name, const QString &definition, bool activation, double sendRate = 0)
{
    HealthInput in;
    in.now = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    in.catalog.database.databaseName = QStringLiteral("Lint");
    in.catalog.database.isBrokerEnabled = true;
    if (activation) {
        Queue q;
        q.objectId = 1;
        q.schema = QStringLiteral("dbo");
        q.name = QStringLiteral("Q");
        q.activationProcedure = QStringLiteral("[Lint].[dbo].") + QStringLiteral("[") + name + QStringLiteral("]");
        q.isActivationEnabled = true;
        in.catalog.queues = {q};
        in.catalog.services = {{1, QStringLiteral("S"), std::nullopt, 1, {}}};
    }
    SqlModule m;
    m.objectId = 10;
    m.schema = QStringLiteral("dbo");
    m.name = name;
    m.type = QStringLiteral("P");
    m.definition = definition;
    in.facts.modules = {m};
    in.facts.modulesRead = true;
    if (sendRate > 0) {
        MonitorSample s;
        s.time = in.now;
        PerfCounter c;
        c.object = QStringLiteral("SQLServer:Broker Statistics");
        c.counter = QStringLiteral("SQL SENDs/sec");
        c.type = PerfCounter::PerSecondBulkType;
        c.ratePerSecond = sendRate;
        s.counters = {c};
        in.sample = s;
    }
    QStringList ids;
    for (const HealthFinding &f : HealthCheck::run(in).findings) {
        if (f.ruleId.startsWith(u"code-") && !ids.contains(f.ruleId))
            ids << f.ruleId;
    }
    ids.sort();
    return ids;
}

// The CREATE PROCEDURE statements of a generated install script, as modules.
QList<std::pair<QString, QString>> modulesOf(const QString &script)
{
    QList<std::pair<QString, QString>> out;
    const TsqlScript parsed(script);
    for (int i = 0; i < parsed.statements().size(); ++i) {
        const TsqlStatement &s = parsed.statements().at(i);
        if (s.kind != TsqlStatementKind::Module)
            continue;
        QString name;
        for (int t : parsed.headTokens(i)) {
            const TsqlToken &tok = parsed.token(t);
            if (tok.kind == TsqlTokenKind::QuotedIdentifier || (tok.kind == TsqlTokenKind::Word && tok.keyword == TsqlKeyword::None)) {
                name = tok.identifier(parsed.text());
            } else if (tok.kind != TsqlTokenKind::Dot && !name.isEmpty()) {
                break;
            }
        }
        out.append({name, parsed.statementText(i).toString()});
    }
    return out;
}

const char *const Begin = "DECLARE @h uniqueidentifier;\n"
                          "BEGIN DIALOG CONVERSATION @h FROM SERVICE [I] TO SERVICE N'T' ON CONTRACT [C] WITH ENCRYPTION = OFF;\n"
                          "SEND ON CONVERSATION @h MESSAGE TYPE [M] (N'<x/>');\n";

QString proc(const QString &body)
{
    return QStringLiteral("CREATE PROCEDURE dbo.P AS\n") + QString::fromLatin1(Begin) + body;
}

} // namespace

class TestLinter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatedPatterns_data();
    void generatedPatterns();
    void corpus_data();
    void corpus();
};

void TestLinter::generatedPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("optionsFile");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("windowed") << u"windowed"_qs << QString() << QStringList();
    QTest::newRow("keep-firing") << u"keep-firing"_qs << QString() << QStringList();
    QTest::newRow("target-ends-first") << u"target-ends-first"_qs << QString() << QStringList();
    QTest::newRow("windowed hostile") << u"windowed"_qs << u"windowed-hostile"_qs << QStringList();
    QTest::newRow("keep-firing hostile") << u"keep-firing"_qs << u"keep-firing-hostile"_qs << QStringList();
    QTest::newRow("keep-firing at most once") << u"keep-firing"_qs << u"keep-firing-at-most-once"_qs << QStringList();
    QTest::newRow("target-ends-first hostile") << u"target-ends-first"_qs << u"target-ends-first-hostile"_qs << QStringList();
    QTest::newRow("windowed in receive transaction") << u"windowed"_qs << u"windowed-receive-transaction"_qs << QStringList();
    QTest::newRow("keep-firing, 8 per RECEIVE") << u"keep-firing"_qs << u"keep-firing-top8"_qs << QStringList();
    QTest::newRow("keep-firing at most once, 8 per RECEIVE")
        << u"keep-firing"_qs << u"keep-firing-at-most-once-top8"_qs << QStringList();
    QTest::newRow("naive teaching script")
        << u"naive-teaching"_qs << QString()
        << QStringList{u"code-dialog-without-lifetime"_qs, u"code-fire-and-forget"_qs};
}

// The generated patterns lint clean (their activation procedures linted as such); the naive
// teaching script is flagged with the rules that describe its two mistakes.
void TestLinter::generatedPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, optionsFile);
    QFETCH(QStringList, expected);
    PatternOptions options = PatternOptions::defaults(*patternFromKey(pattern));
    if (!optionsFile.isEmpty()) {
        QFile f(QStringLiteral(BS_TEST_DATA_DIR "/script/golden/") + optionsFile + QStringLiteral("/options.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString error;
        const auto parsed = optionsFromJson(QJsonDocument::fromJson(f.readAll()).object(), &error);
        QVERIFY2(parsed, qPrintable(error));
        options = *parsed;
    }
    const GeneratedScripts scripts = generateScripts(options);
    QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
    const auto modules = modulesOf(scripts.scripts.first().text);
    QVERIFY(modules.size() >= 3);
    QStringList found;
    for (const auto &[name, text] : modules) {
        const bool activation = name.endsWith(u"_Target") || name.endsWith(u"_Initiator");
        for (const QString &id : lint(name, text, activation)) {
            if (!found.contains(id))
                found << id;
        }
    }
    found.sort();
    QCOMPARE(found.join(u", "), expected.join(u", "));
}

void TestLinter::corpus_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("activation");
    QTest::addColumn<double>("sendRate");
    QTest::addColumn<QStringList>("expected");
    const QStringList ff{u"code-dialog-without-lifetime"_qs, u"code-fire-and-forget"_qs};

    // Seed 001 (Wentzel) and 003 (Rusanu), rewritten: begin, send, end at once.
    QTest::newRow("fire and forget") << proc(u"END CONVERSATION @h;"_qs) << false << 0.0 << ff;
    QTest::newRow("fire and forget, lower case, no semicolons")
        << u"create proc dbo.P as declare @h uniqueidentifier begin dialog @h from service [I] to service 'T' "
           "send on conversation @h end conversation @h"_qs
        << false << 0.0 << ff;
    QTest::newRow("END in a line comment") << proc(u"-- END CONVERSATION @h;\nSELECT 1;"_qs) << false << 0.0 << QStringList();
    QTest::newRow("END in a block comment") << proc(u"/* END CONVERSATION @h; /* nested */ still */ SELECT 1;"_qs) << false
                                            << 0.0 << QStringList();
    QTest::newRow("END in a string") << proc(u"PRINT N'END CONVERSATION @h';"_qs) << false << 0.0 << QStringList();
    QTest::newRow("END in a bracketed name") << proc(u"SELECT 1 AS [END CONVERSATION @h];"_qs) << false << 0.0 << QStringList();
    QTest::newRow("END on another handle") << proc(u"END CONVERSATION @other;"_qs) << false << 0.0 << QStringList();
    QTest::newRow("END WITH ERROR is not fire-and-forget")
        << proc(u"END CONVERSATION @h WITH ERROR = 1 DESCRIPTION = N'cancelled';"_qs) << false << 0.0 << QStringList();
    QTest::newRow("waits for the reply before ending")
        << proc(u"WAITFOR (RECEIVE TOP (1) * FROM dbo.Q WHERE conversation_handle = @h), TIMEOUT 5000;\nEND CONVERSATION @h;"_qs)
        << false << 0.0 << QStringList{u"code-dialog-without-lifetime"_qs};
    QTest::newRow("windowed: LIFETIME bounds it")
        << u"CREATE PROCEDURE dbo.P AS DECLARE @h uniqueidentifier; BEGIN DIALOG @h FROM SERVICE [I] TO SERVICE N'T' "
           "WITH LIFETIME = 600; SEND ON CONVERSATION @h; END CONVERSATION @h;"_qs
        << false << 0.0 << QStringList();
    // Seed 003's answer: the initiator's activation procedure ends on EndDialog and logs Error.
    QTest::newRow("initiator activation ends and logs")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier, @t sysname, @b nvarchar(4000);\nBEGIN TRANSACTION;\n"
           "WAITFOR (RECEIVE @h = conversation_handle, @t = message_type_name, @b = CAST(message_body AS nvarchar(4000)) FROM [InitiatorQueue]), TIMEOUT 1000;\n"
           "WHILE @h IS NOT NULL\nBEGIN\n  BEGIN TRY\n    IF @t = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'\n"
           "      RAISERROR (N'Received error %s', 10, 1, @b) WITH LOG;\n    END CONVERSATION @h;\n    COMMIT;\n  END TRY\n"
           "  BEGIN CATCH\n    IF XACT_STATE() <> 0 ROLLBACK;\n  END CATCH\n  SELECT @h = NULL;\n  BEGIN TRANSACTION;\n"
           "  WAITFOR (RECEIVE @h = conversation_handle, @t = message_type_name FROM [InitiatorQueue]), TIMEOUT 1000;\n"
           "  -- http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog ends below too\n"
           "  IF @t = N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog' END CONVERSATION @h;\nEND\nCOMMIT;"_qs
        << true << 0.0 << QStringList();
    // Seed 004: a failure rolls the RECEIVE back; five of them disable the queue.
    QTest::newRow("activation without error handling")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier, @t sysname, @b xml;\nBEGIN TRAN\n"
           "WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name, @b = message_body FROM dbo.Q), TIMEOUT 500\n"
           "IF @t = N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog' OR @t = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'\n"
           "  END CONVERSATION @h\nELSE\n  INSERT INTO dbo.Orders SELECT @b.value('(/o/@id)[1]', 'int')\nCOMMIT"_qs
        << true << 0.0 << QStringList{u"code-activation-no-error-handling"_qs};
    QTest::newRow("nested TRY/CATCH keeps the RECEIVE safe")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier, @t sysname;\nBEGIN TRY\n  BEGIN TRANSACTION;\n"
           "  WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name FROM dbo.Q), TIMEOUT 500;\n"
           "  BEGIN TRY\n    EXEC dbo.Work @h;\n  END TRY\n  BEGIN CATCH\n    IF XACT_STATE() = -1 ROLLBACK;\n  END CATCH\n"
           "  IF @t IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog', N'http://schemas.microsoft.com/SQL/ServiceBroker/Error')\n"
           "    END CONVERSATION @h;\n  IF XACT_STATE() = 1 COMMIT;\nEND TRY\nBEGIN CATCH\n  IF XACT_STATE() <> 0 ROLLBACK;\n  THROW;\nEND CATCH"_qs
        << true << 0.0 << QStringList();
    QTest::newRow("target that never ends")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @b xml;\nWAITFOR (RECEIVE TOP (1) @b = message_body FROM dbo.Q), TIMEOUT 500;\nEXEC dbo.Work @b;"_qs
        << true << 0.0 << QStringList{u"code-receive-ignores-system-messages"_qs};
    QTest::newRow("system types named only in comments do not count")
        << u"CREATE PROCEDURE dbo.P AS\n-- handles http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog\n"
           "/* and N'http://schemas.microsoft.com/SQL/ServiceBroker/Error' */\nDECLARE @b xml;\n"
           "WAITFOR (RECEIVE TOP (1) @b = message_body FROM dbo.Q), TIMEOUT 500;"_qs
        << true << 0.0 << QStringList{u"code-receive-ignores-system-messages"_qs};
    QTest::newRow("WAITFOR without TIMEOUT")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier, @t sysname;\nWAITFOR (RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name FROM dbo.Q);\n"
           "IF @t IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog', N'http://schemas.microsoft.com/SQL/ServiceBroker/Error') END CONVERSATION @h;"_qs
        << true << 0.0 << QStringList{u"code-receive-without-timeout"_qs};
    QTest::newRow("WAITFOR without TIMEOUT outside activation is not flagged")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier, @t sysname;\nWAITFOR (RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name FROM dbo.Q);\n"
           "IF @t IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog', N'http://schemas.microsoft.com/SQL/ServiceBroker/Error') END CONVERSATION @h;"_qs
        << false << 0.0 << QStringList();
    // Seed 002: reuse a conversation found in sys.conversation_endpoints; begin one only if none.
    QTest::newRow("reused conversation")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @h uniqueidentifier;\nSELECT TOP (1) @h = conversation_handle FROM sys.conversation_endpoints WITH (NOLOCK)\n"
           "WHERE state = 'CO' AND far_service = N'T' ORDER BY lifetime DESC;\nIF @h IS NULL\n"
           "  BEGIN DIALOG @h FROM SERVICE [I] TO SERVICE N'T' ON CONTRACT [C] WITH ENCRYPTION = OFF;\nSEND ON CONVERSATION @h MESSAGE TYPE [M] (N'<x/>');"_qs
        << false << 500.0 << QStringList();
    QTest::newRow("a dialog per message at 500/s")
        << proc(QString()) << false << 500.0 << QStringList{u"code-dialog-per-message"_qs};
    QTest::newRow("a dialog per message at 5/s") << proc(QString()) << false << 5.0 << QStringList();
    QTest::newRow("dynamic SQL cannot be seen")
        << u"CREATE PROCEDURE dbo.P @h uniqueidentifier AS\nEXEC sys.sp_executesql N'SEND ON CONVERSATION @h MESSAGE TYPE [M];', N'@h uniqueidentifier', @h;"_qs
        << false << 0.0 << QStringList{u"code-dynamic-sql"_qs};
    QTest::newRow("EXEC of a string in an activation procedure")
        << u"CREATE PROCEDURE dbo.P AS\nDECLARE @sql nvarchar(max) = N'SELECT 1';\nEXEC (@sql);"_qs << true << 0.0
        << QStringList{u"code-dynamic-sql"_qs};
    QTest::newRow("ordinary EXEC is not dynamic") << u"CREATE PROCEDURE dbo.P AS EXEC dbo.Other @a = 1;"_qs << true << 0.0
                                                  << QStringList();
}

void TestLinter::corpus()
{
    QFETCH(QString, text);
    QFETCH(bool, activation);
    QFETCH(double, sendRate);
    QFETCH(QStringList, expected);
    QCOMPARE(lint(u"P"_qs, text, activation, sendRate).join(u", "), expected.join(u", "));
}

QTEST_GUILESS_MAIN(TestLinter)
#include "tst_linter.moc"

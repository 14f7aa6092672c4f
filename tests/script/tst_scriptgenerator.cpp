#include "core/alerts/alertfixscript.h"
#include "core/script/batchsplitter.h"
#include "core/script/enablebroker.h"
#include "core/script/patterndescriptor.h"
#include "core/script/patternoptions.h"
#include "core/script/scriptwriter.h"
#include "core/sqlquote.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

Q_DECLARE_METATYPE(bs::Pattern)
Q_DECLARE_METATYPE(bs::DeliveryMode)

namespace {

QString goldenRoot()
{
    return QStringLiteral(BS_TEST_DATA_DIR "/script/golden");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

std::optional<PatternOptions> caseOptions(const QString &caseName, QString *error)
{
    const QByteArray json = readFile(goldenRoot() + QLatin1Char('/') + caseName + QStringLiteral("/options.json"));
    return optionsFromJson(QJsonDocument::fromJson(json).object(), error);
}

// The identifiers of the options, as they must never appear bare in a script.
QStringList rawIdentifiers(const PatternOptions &o)
{
    QStringList names;
    if (!o.database.isEmpty())
        names.append(o.database);
    names.append(o.schema);
    for (const PatternObject &object : patternObjects(o))
        names.append(object.name);
    names.append(o.prefix + QStringLiteral("_DemoTask"));
    return names;
}

} // namespace

class TestScriptGenerator : public QObject
{
    Q_OBJECT

private:
    void addCaseRows()
    {
        QTest::addColumn<QString>("caseName");
        const QStringList cases = QDir(goldenRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(cases.size() >= 7, "the golden cases are missing");
        for (const QString &c : cases)
            QTest::newRow(qPrintable(c)) << c;
    }

    GeneratedScripts generateCase(const QString &caseName)
    {
        QString error;
        const std::optional<PatternOptions> options = caseOptions(caseName, &error);
        if (!options) {
            GeneratedScripts failed;
            failed.error = error;
            return failed;
        }
        return generateScripts(*options);
    }

private slots:
    void golden_data() { addCaseRows(); }

    void golden()
    {
        QFETCH(QString, caseName);
        const GeneratedScripts scripts = generateCase(caseName);
        QCOMPARE(scripts.error, QString());
        QCOMPARE(scripts.scripts.size(), 4);
        const QDir dir(goldenRoot() + QLatin1Char('/') + caseName);
        const bool regenerate = qEnvironmentVariableIntValue("BS_REGENERATE_GOLDEN") == 1;
        for (const GeneratedScript &script : scripts.scripts) {
            const QString path = dir.filePath(script.fileName);
            // The header names the application's version; the goldens hold a marker instead, so
            // that a release does not rewrite every golden.
            const QString versionLine = QStringLiteral("script generator, version %1.");
            if (regenerate) {
                QFile out(path);
                QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
                QString text = script.text;
                text.replace(versionLine.arg(generatorVersion()), versionLine.arg(u"@BS_VERSION@"_qs));
                out.write(text.toUtf8());
            }
            const QString expected = QString::fromUtf8(readFile(path))
                                         .replace(versionLine.arg(u"@BS_VERSION@"_qs), versionLine.arg(generatorVersion()));
            if (script.text != expected) {
                // Point at the first differing line rather than dumping two long scripts.
                const QStringList a = script.text.split(QLatin1Char('\n'));
                const QStringList b = expected.split(QLatin1Char('\n'));
                int line = 0;
                while (line < a.size() && line < b.size() && a.at(line) == b.at(line))
                    ++line;
                QFAIL(qPrintable(QStringLiteral("%1 differs at line %2:\n  got:      %3\n  expected: %4\n"
                                                "(BS_REGENERATE_GOLDEN=1 rewrites the goldens; review the diff)")
                                     .arg(path)
                                     .arg(line + 1)
                                     .arg(a.value(line), b.value(line))));
            }
        }
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{u"install.sql"_qs, u"monitor.sql"_qs, u"options.json"_qs, u"uninstall.sql"_qs,
                                     u"usage.sql"_qs}));
    }

    void placeholdersFilled_data() { addCaseRows(); }

    void placeholdersFilled()
    {
        QFETCH(QString, caseName);
        const GeneratedScripts scripts = generateCase(caseName);
        QCOMPARE(scripts.error, QString());
        for (const GeneratedScript &script : scripts.scripts) {
            QVERIFY2(!script.text.contains(QLatin1String("{{")), qPrintable(script.fileName));
            QVERIFY2(!script.text.contains(QLatin1String("}}")), qPrintable(script.fileName));
            QVERIFY2(script.text.startsWith(QLatin1String("-- =====")), qPrintable(script.fileName));
            QVERIFY(script.text.endsWith(QLatin1String("\nGO\n")));
        }
    }

    void identifiersOnlyQuoted_data() { addCaseRows(); }

    void identifiersOnlyQuoted()
    {
        QFETCH(QString, caseName);
        QString error;
        const std::optional<PatternOptions> options = caseOptions(caseName, &error);
        QVERIFY2(options, qPrintable(error));
        const GeneratedScripts scripts = generateScripts(*options);
        QCOMPARE(scripts.error, QString());
        QStringList names = rawIdentifiers(*options);
        // Longest first, so that a name inside a longer one is removed with the longer one.
        std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const GeneratedScript &script : scripts.scripts) {
            QString text = script.text;
            for (const QString &name : std::as_const(names)) {
                text.replace(quoteIdentifier(name), QStringLiteral("<id>"));
                text.replace(quoteLiteral(name), QStringLiteral("<lit>"));
            }
            for (const QString &name : std::as_const(names)) {
                QVERIFY2(!text.contains(name),
                         qPrintable(QStringLiteral("%1: %2 appears unquoted").arg(script.fileName, name)));
            }
        }
    }

    void messageBodiesComeFromForXml_data() { addCaseRows(); }

    void messageBodiesComeFromForXml()
    {
        QFETCH(QString, caseName);
        const GeneratedScripts scripts = generateCase(caseName);
        QCOMPARE(scripts.error, QString());
        static const QRegularExpression send(QStringLiteral(R"(SEND ON CONVERSATION[^;]*;)"));
        static const QRegularExpression body(QStringLiteral(R"(SET @body = \((?<expr>[^;]*)\);)"));
        int sends = 0;
        for (const GeneratedScript &script : scripts.scripts) {
            for (auto it = send.globalMatch(script.text); it.hasNext();) {
                const QString statement = it.next().captured(0);
                ++sends;
                // Either no body (EndOfStream is EMPTY) or the @body variable, nothing built inline.
                if (statement.contains(QLatin1Char('(')))
                    QVERIFY2(statement.endsWith(QLatin1String("(@body);")), qPrintable(statement));
            }
            for (auto it = body.globalMatch(script.text); it.hasNext();) {
                const QString expr = it.next().captured(u"expr");
                QVERIFY2(expr.contains(QLatin1String("FOR XML PATH('task'), TYPE")), qPrintable(expr));
                QVERIFY2(!expr.contains(QLatin1Char('+')), qPrintable(expr));
                QVERIFY2(!expr.contains(QLatin1String("CONCAT")), qPrintable(expr));
            }
            QVERIFY(!script.text.contains(QLatin1String("@body +")));
            QVERIFY(!script.text.contains(QLatin1String("+ @body")));
        }
        QVERIFY(sends > 0);
    }

    void splitsIntoBatches_data() { addCaseRows(); }

    void splitsIntoBatches()
    {
        QFETCH(QString, caseName);
        const GeneratedScripts scripts = generateCase(caseName);
        QCOMPARE(scripts.error, QString());
        static const QRegularExpression goLine(QStringLiteral(R"(^GO$)"), QRegularExpression::MultilineOption);
        static const QRegularExpression module(
            QStringLiteral(R"(^CREATE OR ALTER PROCEDURE)"), QRegularExpression::MultilineOption);
        for (const GeneratedScript &script : scripts.scripts) {
            const BatchSplit split = BatchSplitter::split(script.text);
            QVERIFY2(split.ok(), qPrintable(split.error));
            // Every GO line of the templates ends a batch with something in it.
            qsizetype goLines = 0;
            for (auto it = goLine.globalMatch(script.text); it.hasNext(); it.next())
                ++goLines;
            QCOMPARE(split.batches.size(), goLines);
            const QStringList lines = script.text.split(QLatin1Char('\n'));
            for (const SqlBatch &batch : split.batches) {
                QCOMPARE(batch.repeat, 1);
                QCOMPARE(lines.value(batch.startLine - 1), batch.text.section(QLatin1Char('\n'), 0, 0));
                // CREATE PROCEDURE must be the first statement of its batch.
                const qsizetype at = batch.text.indexOf(module);
                if (at >= 0) {
                    QCOMPARE(batch.text.count(module), 1);
                    const QString before = batch.text.left(at);
                    for (const QString &line : before.split(QLatin1Char('\n'))) {
                        QVERIFY2(line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1String("--")),
                                 qPrintable(script.fileName + QStringLiteral(": ") + line));
                    }
                }
            }
        }
    }

    void everyCombinationGenerates()
    {
        // The goldens cover chosen cases; this renders every branch of every template.
        for (const Pattern pattern :
             {Pattern::Windowed, Pattern::KeepFiring, Pattern::TargetEndsFirst, Pattern::NaiveTeaching}) {
            for (int bits = 0; bits < 64; ++bits) {
                PatternOptions o = PatternOptions::defaults(pattern);
                o.messagesPerReceive = (bits & 32) ? 8 : 1;
                o.delivery = (bits & 1) ? DeliveryMode::AtMostOnce : DeliveryMode::InReceiveTransaction;
                o.validateXml = bits & 2;
                o.uninstallKeepsLog = bits & 4;
                o.logRetentionDays = (bits & 8) ? 0 : 7;
                o.database = (bits & 16) ? u"Db"_qs : QString();
                const GeneratedScripts scripts = generateScripts(o);
                QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
                QCOMPARE(scripts.scripts.size(), 4);
                for (const GeneratedScript &script : scripts.scripts) {
                    QVERIFY(!script.text.contains(QLatin1String("{{")));
                    QVERIFY(BatchSplitter::split(script.text).ok());
                    QCOMPARE(script.text.contains(QLatin1String("USE [Db];")), bool(bits & 16));
                }
                const QString install = scripts.scripts.first().text;
                QCOMPARE(install.contains(QLatin1String("XACT_STATE() = -1")), !(bits & 1));
                QCOMPARE(install.contains(QLatin1String("INTO @batch")), bool(bits & 32));
                // The target's WAITFOR (RECEIVE TOP (1) ...): with one message per RECEIVE, and with
                // a batch in the receive transaction (the one-at-a-time RECEIVE after a rolled-back
                // batch); the initiator's activation procedure always takes one.
                const bool singleTarget = !(bits & 32) || !(bits & 1);
                QCOMPARE(install.count(QLatin1String("RECEIVE TOP (1)\n")),
                         (singleTarget ? 1 : 0) + (patternDescriptor(pattern).hasInitiatorProcedure ? 1 : 0));
                QCOMPARE(install.contains(QLatin1String("RECEIVE TOP (@")), false);
                QCOMPARE(install.contains(QLatin1String("VALIDATION = WELL_FORMED_XML")), bool(bits & 2));
                QCOMPARE(install.contains(QLatin1String("DELETE TOP (1000)")), !(bits & 8));
                QCOMPARE(scripts.scripts.at(1).text.contains(QLatin1String("\nDROP TABLE IF EXISTS [dbo].[AsyncTaskLog];")),
                         !(bits & 4));
            }
        }
    }

    void taskFailuresAreUndoneAndOpenTransactionsCaught_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<DeliveryMode>("delivery");
        for (const Pattern pattern :
             {Pattern::Windowed, Pattern::KeepFiring, Pattern::TargetEndsFirst, Pattern::NaiveTeaching}) {
            QTest::addRow("%s, in the receive transaction", qPrintable(patternKey(pattern)))
                << pattern << DeliveryMode::InReceiveTransaction;
            QTest::addRow("%s, at most once", qPrintable(patternKey(pattern))) << pattern << DeliveryMode::AtMostOnce;
        }
    }

    void taskFailuresAreUndoneAndOpenTransactionsCaught()
    {
        QFETCH(Pattern, pattern);
        QFETCH(DeliveryMode, delivery);
        PatternOptions o = PatternOptions::defaults(pattern);
        o.delivery = delivery;
        const GeneratedScripts scripts = generateScripts(o);
        QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
        const QString install = scripts.scripts.first().text;
        const qsizetype count = install.indexOf(QLatin1String("SET @tranCount = @@TRANCOUNT;"));
        const qsizetype exec = install.indexOf(QLatin1String("EXEC @module @claim;"));
        const qsizetype check = install.indexOf(QLatin1String("IF @@TRANCOUNT <> @tranCount"));
        const qsizetype succeeded = install.indexOf(QLatin1String("SET outcome = 'succeeded'"));
        // Both modes: the count is taken before the task and compared right after it,
        // before the task can be logged as succeeded.
        QVERIFY(count > 0 && count < exec);
        QVERIFY(exec < check && check < succeeded);
        const qsizetype save = install.indexOf(QLatin1String("SAVE TRANSACTION BrokerStudioTask;"));
        const qsizetype undo = install.indexOf(QLatin1String("ROLLBACK TRANSACTION BrokerStudioTask;"));
        if (delivery == DeliveryMode::InReceiveTransaction) {
            // The savepoint is set after the RECEIVE and before the task; the committable
            // branch returns to it before it logs 'failed' and commits.
            QVERIFY(install.indexOf(QLatin1String("RECEIVE TOP (1)")) < save);
            QVERIFY(save < exec);
            QVERIFY(succeeded < undo);
            const qsizetype failed = install.indexOf(QLatin1String("SET outcome = 'failed'"), undo);
            const qsizetype commit = install.indexOf(QLatin1String("COMMIT TRANSACTION;"), failed);
            QVERIFY(failed > undo && commit > failed);
            // The doomed branch keeps its full rollback and re-receive.
            QVERIFY(install.indexOf(QLatin1String("WHERE conversation_handle = @handle;"), undo) > undo);
        } else {
            QCOMPARE(save, qsizetype(-1));
            QCOMPARE(undo, qsizetype(-1));
        }
    }

    void receiveBatch_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<DeliveryMode>("delivery");
        for (const Pattern pattern :
             {Pattern::Windowed, Pattern::KeepFiring, Pattern::TargetEndsFirst, Pattern::NaiveTeaching}) {
            QTest::addRow("%s, in the receive transaction", qPrintable(patternKey(pattern)))
                << pattern << DeliveryMode::InReceiveTransaction;
            QTest::addRow("%s, at most once", qPrintable(patternKey(pattern))) << pattern << DeliveryMode::AtMostOnce;
        }
    }

    // messagesPerReceive > 1: one RECEIVE TOP (n) INTO a table variable, then each message in
    // turn; a failing task costs neither the batch nor a rollback unless it dooms the transaction.
    void receiveBatch()
    {
        QFETCH(Pattern, pattern);
        QFETCH(DeliveryMode, delivery);
        PatternOptions o = PatternOptions::defaults(pattern);
        o.delivery = delivery;
        const QString single = generateScripts(o).scripts.first().text;
        o.messagesPerReceive = 8;
        const GeneratedScripts scripts = generateScripts(o);
        QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
        const QString install = scripts.scripts.first().text;
        QVERIFY(!single.contains(QLatin1String("messages per RECEIVE")));
        QVERIFY(install.contains(QLatin1String("--   messages per RECEIVE   8\n")));
        // Only the target's procedure differs: the other scripts are those of one message per RECEIVE.
        PatternOptions one = o;
        one.messagesPerReceive = 1;
        const GeneratedScripts others = generateScripts(one);
        for (int i = 1; i < scripts.scripts.size(); ++i)
            QCOMPARE(scripts.scripts.at(i).text.section(QLatin1String("-- ===="), 2, -1),
                     others.scripts.at(i).text.section(QLatin1String("-- ===="), 2, -1));

        // TOP takes the constant (RECEIVE's page writes TOP ( n ), no variable); in the receive
        // transaction a second RECEIVE takes one message at a time after a rolled-back batch.
        QVERIFY(!install.contains(QLatin1String("RECEIVE TOP (@")));
        const qsizetype receive = install.indexOf(QLatin1String("RECEIVE TOP (8)\n"));
        QVERIFY(receive > 0);
        QCOMPARE(install.count(QLatin1String("RECEIVE TOP (8)\n")), 1);
        QVERIFY(install.indexOf(QLatin1String("INTO @batch"), receive) > receive);
        if (delivery == DeliveryMode::InReceiveTransaction) {
            const qsizetype singles = install.indexOf(QLatin1String("IF @singles > 0\n"));
            QVERIFY(singles > 0 && singles < receive);
            QVERIFY(install.indexOf(QLatin1String("RECEIVE TOP (1)\n"), singles) < receive);
        }
        QVERIFY(install.contains(QLatin1String("), TIMEOUT 5000;")));
        // The batch is walked in RECEIVE's order, each message taken out before it is handled.
        const qsizetype walk = install.indexOf(QLatin1String("ORDER BY priority DESC, conversation_handle, message_sequence_number;"), receive);
        QVERIFY(walk > receive);
        QVERIFY(install.indexOf(QLatin1String("DELETE FROM @batch WHERE conversation_handle = @handle AND message_sequence_number = @sequence;"), walk) > walk);
        // Error and EndDialog are still handled per message.
        QVERIFY(install.indexOf(QLatin1String("N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'"), walk) > walk);
        const qsizetype exec = install.indexOf(QLatin1String("EXEC @module @claim;"), walk);
        QVERIFY(exec > walk);
        QCOMPARE(install.count(QLatin1String("EXEC @module @claim;")), 1);
        const qsizetype target = install.indexOf(QLatin1String("CREATE OR ALTER PROCEDURE [dbo].[Async_Target]"));
        const QString procedure = install.mid(target, install.indexOf(QLatin1String("\nGO\n"), target) - target);
        if (delivery == DeliveryMode::InReceiveTransaction) {
            // A savepoint per task, after the RECEIVE; a committable failure returns to it and
            // the batch goes on: no ROLLBACK of the whole transaction on that path.
            const qsizetype save = install.indexOf(QLatin1String("SAVE TRANSACTION BrokerStudioTask;"), walk);
            QVERIFY(save > walk && save < exec);
            const qsizetype undo = install.indexOf(QLatin1String("ROLLBACK TRANSACTION BrokerStudioTask;"), exec);
            QVERIFY(undo > exec);
            // The full rollback only in the branch the savepoint cannot save, which logs the
            // failure after it and makes the redelivered message be consumed without running.
            QVERIFY(procedure.contains(QLatin1String("WHERE task_id = @taskId AND outcome = 'failed')")));
            QVERIFY(procedure.contains(QLatin1String("SELECT @batchRolledBack = 1, @singles = @position;")));
            QVERIFY(procedure.contains(QLatin1String("IF @batchRolledBack = 0\n                COMMIT TRANSACTION;")));
            // One COMMIT for the batch, not one per message (plus none in the task paths).
            QCOMPARE(procedure.count(QLatin1String("COMMIT TRANSACTION;")), 2); // the batch's, and closing a task's own
        } else {
            // The RECEIVE commits before the first task runs, and no savepoint is needed.
            const qsizetype commit = install.indexOf(QLatin1String("COMMIT TRANSACTION;"), walk);
            QVERIFY(commit > walk && commit < exec);
            QVERIFY(!procedure.contains(QLatin1String("SAVE TRANSACTION")));
            QVERIFY(procedure.contains(QLatin1String("INSERT INTO @tasks (position, task_id, module, claim)")));
        }
        // One dialog per task: the task's END takes the rest of its conversation out of the batch.
        const QString taskEnd = delivery == DeliveryMode::InReceiveTransaction
            ? u"WHERE task_id = @taskId;\n                        END CONVERSATION @handle;\n"
              u"                        DELETE FROM @batch WHERE conversation_handle = @handle;\n                    END TRY"_qs
            : u"END CONVERSATION @handle;\n                    DELETE FROM @batch WHERE conversation_handle = @handle;\n"
              u"                    INSERT INTO @tasks"_qs;
        QCOMPARE(procedure.contains(taskEnd), patternDescriptor(pattern).dialogPerTask);
    }

    void installStopsOnAContractWithOtherMessageTypes_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<int>("usages");
        QTest::newRow("windowed") << Pattern::Windowed << 1;
        QTest::newRow("keep-firing") << Pattern::KeepFiring << 2;
        QTest::newRow("target-ends-first") << Pattern::TargetEndsFirst << 1;
        QTest::newRow("naive-teaching") << Pattern::NaiveTeaching << 1;
    }

    void installStopsOnAContractWithOtherMessageTypes()
    {
        QFETCH(Pattern, pattern);
        QFETCH(int, usages);
        const GeneratedScripts scripts = generateScripts(PatternOptions::defaults(pattern));
        QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
        const QString install = scripts.scripts.first().text;
        const qsizetype check = install.indexOf(QLatin1String("JOIN sys.service_contract_message_usages AS u"));
        const qsizetype stop = install.indexOf(QLatin1String("THROW 50003, @contractDiffers, 1;"));
        QVERIFY(check > 0 && stop > check);
        QVERIFY(install.contains(QStringLiteral("IF @usages <> %1 OR @expectedUsages <> %1").arg(usages)));
        // The check comes before anything is created or altered.
        QVERIFY(stop < install.indexOf(QLatin1String("CREATE SCHEMA")));
        QVERIFY(stop < install.indexOf(QLatin1String("CREATE MESSAGE TYPE")));
    }

    void monitorCountsOnlyClosedNeverStampedEndpoints_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::newRow("windowed") << Pattern::Windowed;
        QTest::newRow("keep-firing") << Pattern::KeepFiring;
        QTest::newRow("target-ends-first") << Pattern::TargetEndsFirst;
        QTest::newRow("naive-teaching") << Pattern::NaiveTeaching;
    }

    void monitorCountsOnlyClosedNeverStampedEndpoints()
    {
        QFETCH(Pattern, pattern);
        const GeneratedScripts scripts = generateScripts(PatternOptions::defaults(pattern));
        QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
        const QString monitor = scripts.scripts.at(3).text;
        QCOMPARE(scripts.scripts.at(3).fileName, u"monitor.sql"_qs);
        QVERIFY(monitor.contains(
            QLatin1String("WHEN ce.state = 'CD' AND ce.security_timestamp = '19000101' THEN 1 ELSE 0 END) AS never_stamped")));
        QVERIFY(monitor.contains(QLatin1String(
            "LEFT JOIN sys.internal_tables AS it ON it.parent_id = q.object_id AND it.internal_type = 201\n")));
        QVERIFY(monitor.contains(
            QLatin1String("LEFT JOIN sys.partitions AS p ON p.object_id = it.object_id AND p.index_id = 1\n")));
        QVERIFY(!monitor.contains(QLatin1String("\nJOIN sys.internal_tables")));
    }

    void targetEndsFirstDialogsHaveALifetime()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::TargetEndsFirst);
        QCOMPARE(o.dialogLifetimeSeconds, 86400);
        o.dialogLifetimeSeconds = 7200;
        const GeneratedScripts scripts = generateScripts(o);
        QVERIFY2(scripts.error.isEmpty(), qPrintable(scripts.error));
        const QString install = scripts.scripts.first().text;
        QVERIFY(install.contains(QLatin1String("WITH LIFETIME = 7200, ENCRYPTION = OFF;")));
        QVERIFY(install.contains(QLatin1String("--   dialog lifetime (s)    7200")));
        // The initiator's activation procedure logs the expiry as 'expired'.
        const qsizetype initiator = install.indexOf(QLatin1String("CREATE OR ALTER PROCEDURE [dbo].[Async_Initiator]"));
        const qsizetype target = install.indexOf(QLatin1String("CREATE OR ALTER PROCEDURE [dbo].[Async_Target]"));
        QVERIFY(initiator > 0 && target > initiator);
        const QString initiatorText = install.mid(initiator, target - initiator);
        QCOMPARE(initiatorText.count(QLatin1String("CASE WHEN @errorNumber = -8489 THEN 'expired' ELSE 'broker_error' END")), 2);
        QVERIFY(!generateScripts(PatternOptions::defaults(Pattern::Windowed))
                     .scripts.first()
                     .text.contains(QLatin1String("dialog lifetime (s)")));
    }

    void sharedPartialsAreAllIncluded()
    {
        // A shared block no template includes would be reviewed and never generated.
        const QDir root(QStringLiteral(BS_SOURCE_DIR "/sql/patterns"));
        QString templates;
        QDirIterator it(root.path(), {u"*.sql"_qs}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            templates += QString::fromUtf8(readFile(it.next()));
        const QStringList partials = QDir(root.filePath(u"shared"_qs)).entryList({u"*.sql"_qs}, QDir::Files);
        QVERIFY(partials.size() >= 5);
        for (const QString &file : partials) {
            const QString tag = QStringLiteral("{{> shared/%1}}").arg(QFileInfo(file).completeBaseName());
            QVERIFY2(templates.contains(tag), qPrintable(file));
        }
    }

    void permissionsAreLockedDown_data() { addCaseRows(); }

    void permissionsAreLockedDown()
    {
        // The allow-list is the security boundary: callers get EXECUTE on _Enqueue only, every
        // table is written by its owner alone, the activation procedures are not callable.
        QFETCH(QString, caseName);
        QString error;
        const std::optional<PatternOptions> options = caseOptions(caseName, &error);
        QVERIFY2(options, qPrintable(error));
        const GeneratedScripts scripts = generateScripts(*options);
        QCOMPARE(scripts.error, QString());
        const QString schema = quoteIdentifier(options->schema) + QLatin1Char('.');
        QString role;
        QStringList tables;
        QStringList activationProcs;
        for (const PatternObject &object : patternObjects(*options)) {
            if (object.kind == QLatin1String("role"))
                role = object.name;
            else if (object.kind == QLatin1String("table"))
                tables.append(schema + quoteIdentifier(object.name));
            else if (object.name.endsWith(QLatin1String("_Target")) || object.name.endsWith(QLatin1String("_Initiator")))
                activationProcs.append(schema + quoteIdentifier(object.name));
        }
        QCOMPARE(role, options->prefix + QStringLiteral("Callers"));
        const QString enqueue = schema + quoteIdentifier(options->prefix + QStringLiteral("_Enqueue"));
        static const QRegularExpression grantOrDeny(QStringLiteral(R"(^(GRANT|DENY|REVOKE) [^\n]*$)"),
                                                    QRegularExpression::MultilineOption);
        for (const GeneratedScript &script : scripts.scripts) {
            QStringList statements;
            for (auto it = grantOrDeny.globalMatch(script.text); it.hasNext();)
                statements.append(it.next().captured(0));
            // Every script's header says who may do what.
            QVERIFY2(script.text.contains(QStringLiteral("members of the role ") + quoteIdentifier(role)),
                     qPrintable(script.fileName));
            if (script.fileName != QLatin1String("install.sql")) {
                QVERIFY2(statements.isEmpty(), qPrintable(script.fileName + QStringLiteral(": ") + statements.join(u'\n')));
                continue;
            }
            QStringList expected{QStringLiteral("GRANT EXECUTE ON OBJECT::%1 TO %2;").arg(enqueue, quoteIdentifier(role))};
            for (const QString &table : std::as_const(tables))
                expected.append(QStringLiteral("DENY INSERT, UPDATE, DELETE ON OBJECT::%1 TO public;").arg(table));
            for (const QString &proc : std::as_const(activationProcs))
                expected.append(QStringLiteral("DENY EXECUTE ON OBJECT::%1 TO public;").arg(proc));
            QCOMPARE(statements, expected);
            QVERIFY(script.text.contains(QStringLiteral("CREATE ROLE %1 AUTHORIZATION [dbo];").arg(quoteIdentifier(role))));
            // The grants follow the procedures they name.
            QVERIFY(script.text.indexOf(expected.first()) > script.text.indexOf(QStringLiteral("CREATE OR ALTER PROCEDURE ") + enqueue));
        }
        const QString uninstall = scripts.scripts.at(1).text;
        QVERIFY(uninstall.contains(QStringLiteral("DROP ROLE %1;").arg(quoteIdentifier(role))));
        QVERIFY(uninstall.indexOf(QLatin1String(" DROP MEMBER ")) < uninstall.indexOf(QLatin1String("DROP ROLE ")));
    }

    void cleanupRunsAtMostOncePerInterval_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<int>("interval");
        QTest::newRow("windowed 60") << Pattern::Windowed << 60;
        QTest::newRow("keep-firing 5") << Pattern::KeepFiring << 5;
        QTest::newRow("target-ends-first 3600") << Pattern::TargetEndsFirst << 3600;
    }

    void cleanupRunsAtMostOncePerInterval()
    {
        QFETCH(Pattern, pattern);
        QFETCH(int, interval);
        PatternOptions o = PatternOptions::defaults(pattern);
        o.cleanupIntervalSeconds = interval;
        const GeneratedScripts scripts = generateScripts(o);
        QCOMPARE(scripts.error, QString());
        const QString install = scripts.scripts.first().text;
        const QString cleanup = QStringLiteral("[dbo].[Async_Cleanup]");
        // _Enqueue asks for a cleanup only when due; it never forces one.
        const qsizetype enqueueAt = install.indexOf(QStringLiteral("CREATE OR ALTER PROCEDURE [dbo].[Async_Enqueue]"));
        const QString enqueue = install.mid(enqueueAt, install.indexOf(QLatin1String("\nGO\n"), enqueueAt) - enqueueAt);
        QCOMPARE(enqueue.count(QStringLiteral("EXEC ") + cleanup), 1);
        QVERIFY(enqueue.contains(QStringLiteral("EXEC %1 @force = 0;").arg(cleanup)));
        // _Cleanup: the last run's time against the interval, then an application lock that does not wait.
        const qsizetype cleanupAt = install.indexOf(QStringLiteral("CREATE OR ALTER PROCEDURE ") + cleanup);
        const QString body = install.mid(cleanupAt, install.indexOf(QLatin1String("\nGO\n"), cleanupAt) - cleanupAt);
        QCOMPARE(body.count(QStringLiteral("DATEADD(second, -%1, SYSUTCDATETIME())").arg(interval)), 2);
        QVERIFY(body.contains(QLatin1String("@LockOwner = 'Session', @LockTimeout = 0;")));
        QVERIFY(body.indexOf(QLatin1String("sp_getapplock")) < body.indexOf(QLatin1String("DELETE TOP (1000)")));
        QVERIFY(body.indexOf(QLatin1String("SET last_run_at = SYSUTCDATETIME()")) < body.indexOf(QLatin1String("DELETE TOP (1000)")));
        // Released on both paths; nothing done inside a caller's transaction unless forced.
        QCOMPARE(body.count(QLatin1String("EXEC sys.sp_releaseapplock @Resource = @lockName, @LockOwner = 'Session';")), 2);
        QVERIFY(body.contains(QLatin1String("IF @force = 0\n       AND (@@TRANCOUNT > 0")));
        QVERIFY(!body.contains(QLatin1String("BEGIN TRANSACTION")));
        QVERIFY(install.contains(QStringLiteral("--   cleanup interval (s)   %1\n").arg(interval)));
    }

    void enableBrokerIsOneText_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("statement");
        QTest::newRow("current") << QString() << u"ALTER DATABASE CURRENT SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;"_qs;
        QTest::newRow("named") << u"Sales]'Ops"_qs << u"ALTER DATABASE [Sales]]'Ops] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;"_qs;
    }

    void enableBrokerIsOneText()
    {
        // The install's warning and the alert's fix script carry the same statement.
        QFETCH(QString, database);
        QFETCH(QString, statement);
        QCOMPARE(enableBrokerStatement(database), statement);
        QVERIFY(AlertFixScript::enableBroker(database).endsWith(statement + u'\n'));
        QVERIFY(AlertFixScript::enableBroker(database).startsWith(enableBrokerNote()));
        PatternOptions o = PatternOptions::defaults(Pattern::Windowed);
        o.database = database;
        const GeneratedScripts scripts = generateScripts(o);
        QCOMPARE(scripts.error, QString());
        QVERIFY(scripts.scripts.first().text.contains(u"until this runs: ' + "_qs + quoteLiteral(statement) + u';'));
    }

    void headerNamesVersionAndMinimum()
    {
        const GeneratedScripts scripts = generateScripts(PatternOptions::defaults(Pattern::Windowed));
        QCOMPARE(scripts.error, QString());
        for (const GeneratedScript &script : scripts.scripts) {
            QVERIFY(script.text.contains(QStringLiteral("version %1").arg(generatorVersion())));
            // The application's version, not a constant of the generator.
            QCOMPARE(generatorVersion(), QStringLiteral(BS_VERSION));
            QVERIFY(script.text.contains(QLatin1String("Requires SQL Server 2016 SP1 or later")));
            QVERIFY(script.text.contains(QLatin1String("-- Broker Studio: Windowed fire-and-forget (")));
        }
    }

    void naiveIsLabelled()
    {
        const GeneratedScripts scripts = generateScripts(PatternOptions::defaults(Pattern::NaiveTeaching));
        QCOMPARE(scripts.error, QString());
        for (const GeneratedScript &script : scripts.scripts)
            QVERIFY(script.text.contains(QLatin1String("WARNING: TEACHING SCRIPT. DO NOT USE IN PRODUCTION.")));
        const GeneratedScripts windowed = generateScripts(PatternOptions::defaults(Pattern::Windowed));
        QVERIFY(!windowed.scripts.first().text.contains(QLatin1String("TEACHING")));
    }

    void invalidOptionsGenerateNothing()
    {
        PatternOptions o = PatternOptions::defaults(Pattern::Windowed);
        o.windowSeconds = 0;
        o.schema.clear();
        const GeneratedScripts scripts = generateScripts(o);
        QVERIFY(scripts.scripts.isEmpty());
        QCOMPARE(scripts.error, u"error: schema: The schema name is empty.\n"
                                u"error: windowSeconds: The window must be more than 0 seconds (it is 0)."_qs);
    }

    void writerWritesScriptsAndOptions()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        PatternOptions o = PatternOptions::defaults(Pattern::KeepFiring);
        o.prefix = u"Bestellung_Ä"_qs;
        const GeneratedScripts scripts = generateScripts(o);
        const QString out = tmp.filePath(QStringLiteral("out/nested"));
        QCOMPARE(ScriptWriter::write(out, o, scripts), QString());
        for (const GeneratedScript &script : scripts.scripts)
            QCOMPARE(QString::fromUtf8(readFile(out + QLatin1Char('/') + script.fileName)), script.text);
        QString error;
        const auto back = optionsFromJson(QJsonDocument::fromJson(readFile(out + QStringLiteral("/options.json"))).object(),
                                          &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == o);
    }
};

QTEST_GUILESS_MAIN(TestScriptGenerator)
#include "tst_scriptgenerator.moc"

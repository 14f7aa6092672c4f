// The operations registry and each operation's T-SQL: one row per operation, compared with the
// golden text in tests/ops/golden/ (hostile names included), the @Pn markers turned into the
// driver's positional markers, and bad input refused with a reason.
#include "core/alerts/alertfixscript.h"
#include "core/ops/bodytext.h"
#include "core/ops/browsestatements.h"
#include "core/ops/operationregistry.h"
#include "core/ops/operationscript.h"
#include "goldentext.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace bs;
using bs::golden::compareGolden;

namespace {

const QUuid Handle(QStringLiteral("{5f3c2a1b-0d4e-4f60-8a7b-9c0d1e2f3a4b}"));
const QueueRef Hostile{QStringLiteral("we]ird"), QStringLiteral("Q'; DROP TABLE t; -- [x] \"y\" Очередь")};

Operation op(OperationKind kind)
{
    Operation o;
    o.kind = kind;
    o.conversationHandle = Handle;
    o.errorCode = 50001;
    o.errorDescription = QStringLiteral("Order 42 can't be shipped: stock is 0; -- not a comment");
    o.queue = Hostile;
    o.enable = false;
    o.maxReaders = 7;
    o.fromService = QStringLiteral("//Orders/Init]iator; DROP TABLE t --");
    o.toService = QStringLiteral("//Orders/Tar'get Служба");
    o.contract = QStringLiteral("//Orders/[Contract]");
    o.messageType = QStringLiteral("//Orders/Request ' N'x'");
    o.messageTypeValidation = QStringLiteral("X");
    o.body = QByteArray("<order id=\"42\">Order 42</order>");
    o.endAfterSend = true;
    o.encryption = false;
    o.database = QStringLiteral("Sales]; DROP DATABASE x; --");
    o.brokerSwitch = BrokerSwitch::ErrorConversations;
    o.rollbackImmediate = true;
    return o;
}

} // namespace

class TestOperations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registryHasOneEntryPerKind()
    {
        QSet<int> kinds;
        QSet<QString> ids;
        for (const OperationSpec &s : OperationRegistry::all()) {
            kinds.insert(int(s.kind));
            ids.insert(s.id);
            QCOMPARE(OperationRegistry::find(s.id), &s);
            QVERIFY(s.documentation.startsWith(QLatin1String("https://learn.microsoft.com/")));
            QVERIFY(!s.effect.isEmpty());
        }
        QCOMPARE(kinds.size(), OperationRegistry::all().size());
        QCOMPARE(ids.size(), OperationRegistry::all().size());
        QCOMPARE(int(OperationKind::DeployScript) + 1, OperationRegistry::all().size());
        QVERIFY(!OperationRegistry::spec(OperationKind::EndConversationWithCleanup).warning.isEmpty());
    }

    // Which operations make the main window read the catalog again: those that change a queue, a
    // database option or the objects themselves; ending a conversation or sending a message does not.
    void catalogChangingOperations()
    {
        const QSet<OperationKind> expected{OperationKind::QueueStatus,      OperationKind::QueueActivation,
                                           OperationKind::QueueMaxReaders,  OperationKind::DatabaseBroker,
                                           OperationKind::PoisonQuarantine, OperationKind::QueueResumeForDebug,
                                           OperationKind::DeployScript};
        for (const OperationSpec &s : OperationRegistry::all())
            QVERIFY2(s.changesCatalog == expected.contains(s.kind), qPrintable(s.id));
    }

    void golden_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("markers");
        QTest::newRow("end-conversation") << int(OperationKind::EndConversation) << 1;
        QTest::newRow("end-conversation-with-error") << int(OperationKind::EndConversationWithError) << 3;
        QTest::newRow("end-conversation-with-cleanup") << int(OperationKind::EndConversationWithCleanup) << 1;
        QTest::newRow("queue-status") << int(OperationKind::QueueStatus) << 0;
        QTest::newRow("queue-activation") << int(OperationKind::QueueActivation) << 0;
        QTest::newRow("queue-max-readers") << int(OperationKind::QueueMaxReaders) << 0;
        QTest::newRow("send-message") << int(OperationKind::SendMessage) << 2;
        QTest::newRow("database-broker") << int(OperationKind::DatabaseBroker) << 0;
        QTest::newRow("poison-quarantine") << int(OperationKind::PoisonQuarantine) << 1;
        QTest::newRow("queue-resume-debug") << int(OperationKind::QueueResumeForDebug) << 0;
    }
    void golden()
    {
        QFETCH(int, kind);
        QFETCH(int, markers);
        const Operation o = op(OperationKind(kind));
        const OperationStatement s = OperationScript::render(o);
        QCOMPARE(OperationRegistry::spec(o.kind).id, QString::fromLatin1(QTest::currentDataTag()));
        compareGolden(QString::fromLatin1(QTest::currentDataTag()), s);
        QCOMPARE(s.parameters.size(), markers);
        // The first line tags the statement; the reader's notes (--#) are not sent.
        QVERIFY(s.text.startsWith(QStringLiteral("-- query: ops.")));
        QVERIFY(!s.text.contains(QLatin1String("--#")));
        // No user value is in the text: the description and the handle are bound.
        QVERIFY(!s.text.contains(QLatin1String("Order 42")));
        QVERIFY(!s.text.contains(Handle.toString(QUuid::WithoutBraces), Qt::CaseInsensitive));
        QString error;
        const QString positional = OperationScript::positionalText(s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(positional.count(QLatin1Char('?')) - s.text.count(QLatin1Char('?')), markers);
        QVERIFY(!positional.contains(QLatin1String("@P")));
    }

    // A deployment's statement is the reviewed script itself: no template, nothing bound, nothing
    // added; a script the batch splitter refuses (GO 0) or one with nothing to run is refused.
    void deployScriptIsTheReviewedScript()
    {
        Operation o;
        o.kind = OperationKind::DeployScript;
        o.scriptName = u"design migration"_qs;
        o.script = u"-- Migration\nSET XACT_ABORT ON;\nBEGIN TRANSACTION;\nALTER QUEUE [dbo].[Q] WITH STATUS = ON;\n"
                   u"COMMIT TRANSACTION;\nGO\nSELECT N'it''s ?';\n"_qs;
        const OperationStatement s = OperationScript::render(o);
        QVERIFY2(s.isValid(), qPrintable(s.error));
        QCOMPARE(s.text, o.script);
        QVERIFY(s.parameters.isEmpty());
        QCOMPARE(OperationRegistry::summary(o), u"Deploy design migration (8 lines)"_qs);
        QCOMPARE(OperationRegistry::permission(o).describe(), u"CONTROL on the database"_qs);
        QVERIFY(!OperationRegistry::spec(o.kind).warning.isEmpty());
        Operation zero = o;
        zero.script = u"SELECT 1;\nGO 0\n"_qs;
        QVERIFY(OperationScript::render(zero).error.startsWith(u"Line 2: "_qs));
        Operation empty = o;
        empty.script = u"-- nothing but a comment\nGO\n"_qs;
        QCOMPARE(OperationScript::render(empty).error, u"The script has no statement to run."_qs);
    }

    void templatesCiteMicrosoft()
    {
        for (const QString &name : {u"end_conversation"_qs, u"end_conversation_with_error"_qs, u"end_conversation_with_cleanup"_qs,
                                    u"queue_status"_qs, u"queue_activation"_qs, u"queue_max_readers"_qs, u"permission"_qs,
                                    u"send_message"_qs, u"database_broker"_qs, u"poison_quarantine"_qs,
                                    u"poison_quarantine_steps"_qs, u"queue_resume_debug"_qs, u"browse_quarantine"_qs,
                                    u"pair_conversations"_qs,
                                    u"browse_queue"_qs, u"browse_body"_qs, u"browse_transmission"_qs,
                                    u"conversation_endpoints"_qs, u"conversation_transmission"_qs}) {
            QFile f(QStringLiteral(BS_SOURCE_DIR "/sql/ops/%1.sql").arg(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(text.contains(QLatin1String("https://learn.microsoft.com/")), qPrintable(name));
            // A partial is included by a template and carries no query tag of its own.
            if (!name.endsWith(QLatin1String("_steps")))
                QVERIFY2(text.startsWith(QStringLiteral("-- query: ops.") + name), qPrintable(name));
        }
    }

    void browseGoldens()
    {
        compareGolden(u"browse-queue"_qs, BrowseStatements::queuePage(Hostile, 1234, 200));
        compareGolden(u"browse-body"_qs, BrowseStatements::body(Hostile, Handle, 3));
        compareGolden(u"browse-transmission"_qs, BrowseStatements::transmissionQueue(200));
        compareGolden(u"conversation-endpoints"_qs, BrowseStatements::conversationEndpoints(Handle));
        compareGolden(u"browse-quarantine"_qs, BrowseStatements::quarantine(200));
        compareGolden(u"pair-conversations"_qs, BrowseStatements::pairConversations(Hostile.name, u"//Far]'side"_qs, u"CD"_qs, 200));
        compareGolden(u"permission-queue"_qs, OperationScript::permissionStatement(op(OperationKind::QueueStatus)));
        compareGolden(u"permission-database"_qs, OperationScript::permissionStatement(op(OperationKind::EndConversation)));
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<Operation>("operation");
        QTest::addColumn<QString>("reason");
        Operation noHandle = op(OperationKind::EndConversation);
        noHandle.conversationHandle = QUuid();
        QTest::newRow("no handle") << noHandle << u"No conversation handle"_qs;
        Operation zeroCode = op(OperationKind::EndConversationWithError);
        zeroCode.errorCode = 0;
        QTest::newRow("code 0") << zeroCode << u"greater than 0"_qs;
        Operation longText = op(OperationKind::EndConversationWithError);
        longText.errorDescription = QString(3001, QLatin1Char('x'));
        QTest::newRow("description too long") << longText << u"at most 3000"_qs;
        Operation readers = op(OperationKind::QueueMaxReaders);
        readers.maxReaders = 32768;
        QTest::newRow("readers") << readers << u"between 0 and 32767"_qs;
        Operation lineBreak = op(OperationKind::QueueStatus);
        lineBreak.queue.name = QStringLiteral("q\nDROP TABLE t");
        QTest::newRow("line break in name") << lineBreak << u"queue name"_qs;
        Operation noQueue = op(OperationKind::QueueActivation);
        noQueue.queue = {};
        QTest::newRow("no queue") << noQueue << u"No queue"_qs;
        Operation badXml = op(OperationKind::SendMessage);
        badXml.body = QByteArray("<order><id>42</order>");
        QTest::newRow("body not XML for a validated type") << badXml << u"not well-formed XML"_qs;
        Operation emptyType = op(OperationKind::SendMessage);
        emptyType.messageTypeValidation = QStringLiteral("E");
        QTest::newRow("body for an EMPTY type") << emptyType << u"VALIDATION is EMPTY"_qs;
        Operation huge = op(OperationKind::SendMessage);
        huge.messageTypeValidation = QStringLiteral("N");
        huge.body = QByteArray(MaxTestMessageBytes + 1, 'x');
        QTest::newRow("body over the cap") << huge << u"at most 8 MiB"_qs;
        Operation noTarget = op(OperationKind::SendMessage);
        noTarget.toService.clear();
        QTest::newRow("no target service") << noTarget << u"No target service"_qs;
        Operation fromLineBreak = op(OperationKind::SendMessage);
        fromLineBreak.fromService = QStringLiteral("a\nb");
        QTest::newRow("line break in service") << fromLineBreak << u"initiator service"_qs;
        Operation noDatabase = op(OperationKind::DatabaseBroker);
        noDatabase.database.clear();
        QTest::newRow("no database") << noDatabase << u"database name"_qs;
    }

    void sendMessageVariants()
    {
        // A fragment is well-formed for SQL Server's xml type; a declaration is allowed; an EMPTY
        // type sends no body and binds no @P2; NONE takes any bytes.
        Operation o = op(OperationKind::SendMessage);
        o.body = QByteArray("<?xml version=\"1.0\"?><a/><b>text</b>");
        QVERIFY2(OperationScript::render(o).isValid(), qPrintable(OperationScript::render(o).error));
        o.messageTypeValidation = QStringLiteral("E");
        o.body.clear();
        o.endAfterSend = false;
        o.encryption = true;
        OperationStatement s = OperationScript::render(o);
        QVERIFY2(s.isValid(), qPrintable(s.error));
        QCOMPARE(s.parameters.size(), 1);
        QVERIFY(s.text.contains(QLatin1String("MESSAGE TYPE [//Orders/Request ' N'x'];")));
        QVERIFY(s.text.contains(QLatin1String("WITH ENCRYPTION = ON;")));
        QVERIFY(!s.text.contains(QLatin1String("END CONVERSATION")));
        o.messageTypeValidation = QStringLiteral("N");
        o.body = QByteArray("\x00\x01 not xml", 14);
        QVERIFY(OperationScript::render(o).isValid());
        // The preview shows a body's size and first bytes, not the body.
        o.body = QByteArray(5000, 'x');
        s = OperationScript::render(o);
        QVERIFY(s.parameterText().contains(QLatin1String("(5000 bytes)")));
        QVERIFY(s.parameterText().size() < 300);
    }

    void poisonFixScriptSharesTheQuarantineSteps()
    {
        // One text for the quarantine: the alert's copy-and-run script and triage plan (a).
        QString error;
        const QString steps = OperationScript::poisonQuarantineSteps(Hostile, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(steps.contains(QLatin1String("INSERT INTO dbo.BrokerPoisonQuarantine")));
        QVERIFY(steps.contains(u"FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] \"y\" Очередь]"_qs));
        QVERIFY(AlertFixScript::enableQueue(Hostile.schema, Hostile.name).contains(steps));
        QVERIFY(OperationScript::render(op(OperationKind::PoisonQuarantine)).text.contains(steps));
        // Without activation, the queue is only turned on, and activation is not touched.
        Operation noActivation = op(OperationKind::PoisonQuarantine);
        noActivation.hasActivation = false;
        QVERIFY(!OperationScript::render(noActivation).text.contains(QLatin1String("ACTIVATION")));
        Operation noHandle = op(OperationKind::PoisonQuarantine);
        noHandle.conversationHandle = QUuid();
        QVERIFY(OperationScript::render(noHandle).error.contains(QLatin1String("poison one is not known")));
    }

    void databaseBrokerOptions_data()
    {
        QTest::addColumn<int>("option");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("effect");
        QTest::newRow("enable") << int(BrokerSwitch::Enable) << u"ENABLE_BROKER"_qs << u"exclusive lock"_qs;
        QTest::newRow("disable") << int(BrokerSwitch::Disable) << u"DISABLE_BROKER"_qs << u"Stops message delivery"_qs;
        QTest::newRow("new") << int(BrokerSwitch::NewBroker) << u"NEW_BROKER"_qs << u"without an EndDialog"_qs;
        QTest::newRow("error") << int(BrokerSwitch::ErrorConversations) << u"ERROR_BROKER_CONVERSATIONS"_qs
                               << u"ends EVERY conversation"_qs;
    }
    void databaseBrokerOptions()
    {
        QFETCH(int, option);
        QFETCH(QString, keyword);
        QFETCH(QString, effect);
        Operation o = op(OperationKind::DatabaseBroker);
        o.brokerSwitch = BrokerSwitch(option);
        o.rollbackImmediate = false;
        OperationStatement s = OperationScript::render(o);
        QVERIFY2(s.isValid(), qPrintable(s.error));
        QVERIFY(s.text.contains(u"ALTER DATABASE [Sales]]; DROP DATABASE x; --]\n    SET "_qs + keyword + u";"_qs));
        QVERIFY(OperationRegistry::effect(o).contains(effect));
        // Without the termination clause the warning says it waits; with it, what it rolls back.
        QVERIFY(OperationRegistry::warning(o).contains(QLatin1String("waits")));
        o.rollbackImmediate = true;
        s = OperationScript::render(o);
        QVERIFY(s.text.contains(keyword + u" WITH ROLLBACK IMMEDIATE;"_qs));
        QVERIFY(OperationRegistry::warning(o).contains(QLatin1String("disconnects them")));
        QCOMPARE(OperationRegistry::permission(o).permission, u"ALTER"_qs);
    }
    void badInputIsRefused()
    {
        QFETCH(Operation, operation);
        QFETCH(QString, reason);
        const OperationStatement s = OperationScript::render(operation);
        QVERIFY(!s.isValid());
        QVERIFY(s.text.isEmpty());
        QVERIFY2(s.error.contains(reason), qPrintable(s.error));
    }

    void bodyTextGuessesAndPrettyPrints()
    {
        const QString xml = u"<task><claim>42</claim><note>Grüße</note></task>"_qs;
        const QByteArray utf16(reinterpret_cast<const char *>(xml.utf16()), xml.size() * 2);
        BodyText t = BodyText::decode(utf16);
        QCOMPARE(t.encoding, BodyEncoding::Utf16);
        QVERIFY(t.reason.contains(QLatin1String("odd bytes")));
        QVERIFY(t.isXml);
        QCOMPARE(t.prettyXml, u"<task>\n  <claim>42</claim>\n  <note>Grüße</note>\n</task>"_qs);
        t = BodyText::decode(QByteArray("\xFF\xFE", 2) + utf16);
        QCOMPARE(t.reason, u"UTF-16LE byte-order mark"_qs);
        QCOMPARE(t.text, xml);
        t = BodyText::decode(xml.toUtf8());
        QCOMPARE(t.encoding, BodyEncoding::Utf8);
        QCOMPARE(t.text, xml);
        // The user's choice wins and says so; a body cut in half a character still decodes.
        t = BodyText::decode(utf16.left(7), BodyEncoding::Utf16);
        QCOMPARE(t.text, xml.left(3));
        t = BodyText::decode(xml.toUtf8(), BodyEncoding::Utf16);
        QCOMPARE(t.reason, u"chosen by hand"_qs);
        t = BodyText::decode(QByteArray("<task><claim>1</task>"));
        QVERIFY(!t.isXml);
        QVERIFY(t.xmlError.contains(QLatin1String("Not well-formed XML")));
        QVERIFY(!BodyText::decode(QByteArray("plain text")).isXml);
        const QString hex = BodyText::hexDump(QByteArray("<a>\x01", 4));
        QCOMPARE(hex, u"00000000  3c 61 3e 01                                      <a>.\n"_qs);
        QVERIFY(BodyText::hexDump(QByteArray(40, 'x'), 16).contains(QLatin1String("24 more bytes not shown")));
    }

    void positionalNeedsMarkersInOrder()
    {
        OperationStatement s;
        s.text = QStringLiteral("SELECT @P2, @P1 -- @P1 in a comment\n, '@P3' AS [@P4]");
        s.parameters = {OperationScript::parameter(1, u"int"_qs, u"a"_qs, 1), OperationScript::parameter(2, u"int"_qs, u"b"_qs, 2)};
        QString error;
        QVERIFY(OperationScript::positionalText(s, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("out of order")));
        s.text = QStringLiteral("SELECT @P1, @P2 -- @P3 in a comment\n, '@P3' AS [@P4], @@SPID");
        error.clear();
        QCOMPARE(OperationScript::positionalText(s, &error), u"SELECT ?, ? -- @P3 in a comment\n, '@P3' AS [@P4], @@SPID"_qs);
        s.parameters.removeLast();
        QVERIFY(OperationScript::positionalText(s, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("2 parameter markers for 1 values")));
    }
};

QTEST_GUILESS_MAIN(TestOperations)
#include "tst_operations.moc"

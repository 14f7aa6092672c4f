// Each operation and browse statement through QODBC -> FreeTDS -> the TDS test server: the text
// that arrives is the previewed text, character for character, and the values come as RPC
// parameters (sp_prepexec @P1…), never inside the text.
#include "core/ops/browsestatements.h"
#include "core/ops/operationregistry.h"
#include "core/ops/operationscript.h"
#include "data/ops/odbcbrokeroperations.h"
#include "data/ops/operationpath.h"
#include "data/ops/scriptdeploy.h"
#include "data/runner/batchexecutor.h"
#include "tdsserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

const QUuid Handle(QStringLiteral("{5f3c2a1b-0d4e-4f60-8a7b-9c0d1e2f3a4b}"));
const QUuid SentHandle(QStringLiteral("{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}"));
const QueueRef Hostile{QStringLiteral("we]ird"), QStringLiteral("Q'; DROP TABLE t; -- [x:y] \"z\" ?")};

TdsResultSet resultSet(const QList<std::pair<QString, QString>> &columns, const QList<QJsonArray> &rows)
{
    TdsResultSet set;
    for (const auto &[name, type] : columns)
        set.columns.append(*TdsFixture::column(name, type));
    set.rows = rows;
    return set;
}

TdsFixture fixture()
{
    TdsFixture f;
    f.database = QStringLiteral("SalesOps");
    TdsReply queue;
    queue.resultSets.append(resultSet(
        {{u"status"_qs, u"tinyint"_qs}, {u"priority"_qs, u"tinyint"_qs}, {u"queuing_order"_qs, u"bigint"_qs},
         {u"conversation_group_id"_qs, u"uniqueidentifier"_qs}, {u"conversation_handle"_qs, u"uniqueidentifier"_qs},
         {u"message_sequence_number"_qs, u"bigint"_qs}, {u"service_name"_qs, u"nvarchar(1536)"_qs},
         {u"service_contract_name"_qs, u"nvarchar(768)"_qs}, {u"message_type_name"_qs, u"nvarchar(768)"_qs},
         {u"validation"_qs, u"nchar(2)"_qs}, {u"body_size"_qs, u"bigint"_qs}},
        {QJsonArray{1, 5, 7, u"11111111-2222-3333-4444-555555555555"_qs, Handle.toString(QUuid::WithoutBraces), 0,
                    u"//Sales/Target"_qs, u"//Sales/Contract"_qs, u"//Sales/Task"_qs, u"X"_qs, 120},
         QJsonArray{1, 5, 8, u"11111111-2222-3333-4444-555555555555"_qs, Handle.toString(QUuid::WithoutBraces), 1,
                    u"//Sales/Target"_qs, u"//Sales/Contract"_qs,
                    u"http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog"_qs, u"E"_qs, QJsonValue()}}));
    f.queries.insert(u"ops.browse_queue"_qs, queue);
    TdsReply body;
    body.resultSets.append(resultSet({{u"body_size"_qs, u"bigint"_qs}, {u"body_head"_qs, u"varbinary(max)"_qs}},
                                     {QJsonArray{6, u"0x3c0061003e00"_qs}}));
    f.queries.insert(u"ops.browse_body"_qs, body);
    TdsReply permission;
    permission.resultSets.append(resultSet({{u"has_permission"_qs, u"int"_qs}}, {QJsonArray{0}}));
    f.queries.insert(u"ops.permission"_qs, permission);
    for (const OperationSpec &s : OperationRegistry::all()) {
        if (!s.templateName.isEmpty())
            f.queries.insert(u"ops."_qs + s.templateName, TdsReply{});
    }
    // send_message.sql ends with SELECT @handle: the new dialog's initiator handle.
    TdsReply sent;
    sent.resultSets.append(resultSet({{u"conversation_handle"_qs, u"uniqueidentifier"_qs}},
                                     {QJsonArray{SentHandle.toString(QUuid::WithoutBraces)}}));
    f.queries.insert(u"ops.send_message"_qs, sent);
    TdsReply pair;
    pair.resultSets.append(resultSet(
        {{u"conversation_handle"_qs, u"uniqueidentifier"_qs}, {u"conversation_id"_qs, u"uniqueidentifier"_qs},
         {u"conversation_group_id"_qs, u"uniqueidentifier"_qs}, {u"is_initiator"_qs, u"bit"_qs}, {u"state"_qs, u"char(2)"_qs},
         {u"local_service"_qs, u"nvarchar(384)"_qs}, {u"far_service"_qs, u"nvarchar(768)"_qs},
         {u"lifetime"_qs, u"datetime"_qs}, {u"security_timestamp"_qs, u"datetime"_qs}},
        {QJsonArray{Handle.toString(QUuid::WithoutBraces), SentHandle.toString(QUuid::WithoutBraces),
                    SentHandle.toString(QUuid::WithoutBraces), 0, u"CD"_qs, u"//Sales/Target"_qs, u"//Sales/Initiator"_qs,
                    u"2094-01-01T00:00:00"_qs, u"1900-01-01T00:00:00"_qs}}));
    f.queries.insert(u"ops.pair_conversations"_qs, pair);
    // Untagged batches (a deployed script): an error for the one that drops the hostile queue.
    TdsReply refused;
    refused.error = TdsMessage{3729, 1, 16, u"Cannot drop the queue because it is being referenced."_qs, 3, {}};
    f.batches.append({u"DROP QUEUE"_qs, refused});
    f.batches.append({QString(), TdsReply{}});
    return f;
}

Operation op(OperationKind kind)
{
    Operation o;
    o.kind = kind;
    o.conversationHandle = Handle;
    o.errorCode = 50001;
    o.errorDescription = u"Stock service retired; don't retry -- ? Поставщик ушёл 倉庫"_qs;
    o.queue = Hostile;
    o.enable = false;
    o.maxReaders = 3;
    o.fromService = u"//Sales/Init]iator; DROP TABLE t --"_qs;
    o.toService = u"//Sales/Tar'get ? Служба 倉庫"_qs;
    o.contract = u"//Sales/[Contract]"_qs;
    o.messageType = u"//Sales/Task ' ?"_qs;
    o.messageTypeValidation = u"X"_qs;
    o.body = u"<order note=\"Grüße ?\">42</order>"_qs.toUtf8();
    o.endAfterSend = true;
    o.database = u"Sales]; DROP DATABASE x; --"_qs;
    o.brokerSwitch = BrokerSwitch::NewBroker;
    o.rollbackImmediate = true;
    return o;
}

} // namespace

class TestTdsOperations : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TdsServer> m_server;

    TdsRequest lastFor(const QString &tag) const
    {
        const QList<TdsRequest> requests = m_server->requestsFor(tag);
        return requests.isEmpty() ? TdsRequest{} : requests.last();
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TdsServer>(fixture());
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qInfo().noquote() << "server log:\n" << m_server->requestLog();
        m_server.reset();
    }

    void statementArrivesAsPreviewed_data()
    {
        QTest::addColumn<int>("kind");
        for (const OperationSpec &s : OperationRegistry::all()) {
            if (s.kind != OperationKind::DeployScript) // a script of batches: deployArrivesAsPreviewed
                QTest::newRow(qPrintable(s.id)) << int(s.kind);
        }
    }
    void statementArrivesAsPreviewed()
    {
        QFETCH(int, kind);
        const Operation o = op(OperationKind(kind));
        const OperationStatement previewed = OperationPath::prepare(o);
        QVERIFY2(previewed.isValid(), qPrintable(previewed.error));
        const ExecResult r = OdbcBrokerOperations::query(m_server->connectionString(), previewed, nullptr);
        QVERIFY2(r.ok, qPrintable(r.message));
        const TdsRequest req = lastFor(u"ops."_qs + OperationRegistry::spec(o.kind).templateName);
        QCOMPARE(req.kind, TdsRequest::Kind::Rpc);
        QCOMPARE(req.text, previewed.text);
        QCOMPARE(req.parameters.size(), previewed.parameters.size());
        // FreeTDS declares the markers @P1, @P2, … in order (the driver's own names, as the
        // preview's), and sends the values positionally.
        for (int i = 0; i < previewed.parameters.size(); ++i) {
            const OperationParameter &p = previewed.parameters.at(i);
            QVERIFY2(req.parameterDecl.contains(p.name + QLatin1Char(' ')), qPrintable(req.parameterDecl));
            const QVariant got = req.parameters.at(i).value;
            switch (p.wire) {
            case ParameterWire::GuidText:
                QCOMPARE(QUuid::fromString(got.toString()), p.value.toUuid());
                break;
            case ParameterWire::Utf16Bytes: {
                const QByteArray bytes = got.toByteArray();
                QCOMPARE(QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()), bytes.size() / 2),
                         p.value.toString());
                break;
            }
            case ParameterWire::Native:
                if (p.value.typeId() == QMetaType::QByteArray)
                    QCOMPARE(got.toByteArray(), p.value.toByteArray()); // a body: byte for byte
                else
                    QCOMPARE(got.toString(), p.value.toString());
                break;
            }
        }
    }

    void browsePageAndBodyThroughTheJobs()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
        std::optional<QueueMessagePage> page;
        ops.browseQueue(Hostile, 6, 1, this, [&](const QueueMessagePage &p) { page = p; });
        QTRY_VERIFY_WITH_TIMEOUT(page.has_value(), 20000);
        QVERIFY2(page->error.isEmpty(), qPrintable(page->error));
        // One row asked for, two came back: the second only says there is more.
        QCOMPARE(page->messages.size(), 1);
        QVERIFY(page->hasMore);
        const QueueMessage &m = page->messages.first();
        QCOMPARE(m.conversationHandle, Handle);
        QCOMPARE(m.queuingOrder, 7);
        QCOMPARE(m.messageTypeName, u"//Sales/Task"_qs);
        QCOMPARE(m.validation, u"X"_qs);
        QCOMPARE(m.bodySize, 120);
        const TdsRequest req = lastFor(u"ops.browse_queue"_qs);
        QCOMPARE(req.text, BrowseStatements::queuePage(Hostile, 6, 2).text);
        QCOMPARE(req.parameters.value(0).value.toInt(), 2);
        QCOMPARE(req.parameters.value(1).value.toLongLong(), 6);

        std::optional<MessageBody> body;
        ops.fetchBody(Hostile, Handle, 0, this, [&](const MessageBody &b) { body = b; });
        QTRY_VERIFY_WITH_TIMEOUT(body.has_value(), 20000);
        QVERIFY2(body->error.isEmpty(), qPrintable(body->error));
        QCOMPARE(body->totalSize, 6);
        QCOMPARE(body->head, QByteArray("<\0a\0>\0", 6));
    }

    void sendReturnsTheNewHandle()
    {
        // Through the run job: the handle the statement SELECTs is what the UI shows afterwards.
        OdbcBrokerOperations ops(m_server->connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
        const Operation o = op(OperationKind::SendMessage);
        std::optional<OperationResult> result;
        ops.run(o, OperationPath::prepare(o), this, [&](const OperationResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok, qPrintable(result->message));
        QCOMPARE(result->conversationHandle, SentHandle);
        const TdsRequest req = lastFor(u"ops.send_message"_qs);
        QCOMPARE(req.text, OperationPath::prepare(o).text);
        QCOMPARE(req.parameters.value(1).value.toByteArray(), o.body);
    }

    void pairConversationsThroughTheJobs()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {});
        std::optional<QList<ConversationEndpoint>> rows;
        const QString local = u"//Sales/Target Служба ?"_qs;
        ops.pairConversations(local, u"//Sales/Initiator"_qs, u"CD"_qs, 200, this,
                              [&](const QList<ConversationEndpoint> &r, const QString &error) {
                                  QVERIFY2(error.isEmpty(), qPrintable(error));
                                  rows = r;
                              });
        QTRY_VERIFY_WITH_TIMEOUT(rows.has_value(), 20000);
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->first().handle, Handle);
        QCOMPARE(rows->first().state, u"CD"_qs);
        const TdsRequest req = lastFor(u"ops.pair_conversations"_qs);
        QCOMPARE(req.text, BrowseStatements::pairConversations(local, u"//Sales/Initiator"_qs, u"CD"_qs, 200).text);
        const QByteArray bytes = req.parameters.value(1).value.toByteArray();
        QCOMPARE(QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()), bytes.size() / 2), local);
        QCOMPARE(req.parameters.value(3).value.toString(), u"CD"_qs);
    }

    void missingPermissionIsNamed()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {});
        std::optional<PermissionResult> result;
        ops.checkPermission(op(OperationKind::QueueStatus), this, [&](const PermissionResult &p) { result = p; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
        QVERIFY(!result->granted);
        QCOMPARE(result->missing, u"ALTER on [we]]ird].[Q'; DROP TABLE t; -- [x:y]] \"z\" ?]"_qs);
        const TdsRequest req = lastFor(u"ops.permission"_qs);
        QCOMPARE(req.parameters.value(2).value.toString(), u"ALTER"_qs);
        const QByteArray securable = req.parameters.value(0).value.toByteArray();
        QCOMPARE(QString::fromUtf16(reinterpret_cast<const char16_t *>(securable.constData()), securable.size() / 2),
                 u"[we]]ird].[Q'; DROP TABLE t; -- [x:y]] \"z\" ?]"_qs);
    }

    // A design's migration deployed through the path: each GO batch arrives as a batch, character
    // for character as previewed; the audit row holds the whole script and the per-batch outcome.
    void deployArrivesAsPreviewed()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {u"TDSTEST"_qs, u"SalesOps"_qs, u"bs_test"_qs});
        OperationPath path(&ops);
        QTemporaryDir dir;
        QVERIFY(path.openAudit(dir.filePath(u"h.sqlite"_qs)));
        Operation o;
        o.kind = OperationKind::DeployScript;
        o.scriptName = u"design migration"_qs;
        const QString first = u"-- Migration written by Broker Studio\nSET XACT_ABORT ON;\nBEGIN TRANSACTION;\n"
                              u"CREATE MESSAGE TYPE [//Sales/Запрос ''q''] VALIDATION = WELL_FORMED_XML;\n"
                              u"ALTER QUEUE [we]]ird].[Q] WITH STATUS = ON;\nCOMMIT TRANSACTION;"_qs;
        const QString second = u"SELECT N'done -- ? 倉庫';"_qs;
        o.script = first + u"\nGO\n"_qs + second + u"\n"_qs;
        const OperationStatement previewed = OperationPath::prepare(o);
        QVERIFY2(previewed.isValid(), qPrintable(previewed.error));
        std::optional<OperationResult> result;
        path.execute(o, previewed, this, [&](const OperationResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok, qPrintable(result->message));
        QCOMPARE(result->message, u"Batch 1 of 2 (line 1) succeeded.\nBatch 2 of 2 (line 8) succeeded."_qs);
        QStringList batches;
        for (const TdsRequest &r : m_server->requests()) {
            if (r.kind == TdsRequest::Kind::Batch && r.tag.isEmpty())
                batches.append(r.text);
        }
        QCOMPARE(batches, (QStringList{first, second}));
        const AuditRecord row = path.audit().records().value(0);
        QCOMPARE(row.operation, u"deploy-script"_qs);
        QCOMPARE(row.statement, o.script);
        QCOMPARE(row.outcome, u"succeeded"_qs);
        QCOMPARE(row.message, result->message);
    }

    // A failing batch stops the run; the error names its line in the whole script.
    void deployFailureNamesTheScriptLine()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {});
        OperationPath path(&ops);
        QTemporaryDir dir;
        QVERIFY(path.openAudit(dir.filePath(u"h.sqlite"_qs)));
        Operation o;
        o.kind = OperationKind::DeployScript;
        o.script = u"SELECT 1;\nGO\n-- drop it\nSET XACT_ABORT ON;\nDROP QUEUE [dbo].[Old];\nGO\nSELECT 2;\n"_qs;
        std::optional<OperationResult> result;
        path.execute(o, OperationPath::prepare(o), this, [&](const OperationResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok);
        QCOMPARE(result->errorNumber, 3729);
        // The server says line 3 of the batch that starts on line 3: line 5 of the script. FreeTDS
        // does not pass SQL Server's line on (SQL_DIAG_SS_LINE), so then the batch's first line.
        QVERIFY2(result->message.startsWith(u"Batch 1 of 3 (line 1) succeeded.\nBatch 2 of 3 failed at line 5: "_qs)
                     || result->message.startsWith(u"Batch 1 of 3 (line 1) succeeded.\nBatch 2 of 3 failed at the batch "
                                                   u"starting on line 3: "_qs),
                 qPrintable(result->message));
        QVERIFY(result->message.contains(u"Cannot drop the queue"_qs));
        QVERIFY(result->message.endsWith(u"Batch 3 was not run."_qs));
        for (const TdsRequest &r : m_server->requests())
            QVERIFY(!r.text.contains(u"SELECT 2"_qs));
        QCOMPARE(path.audit().records().value(0).outcome, u"failed"_qs);
    }

    // The line in the whole script from the line the server gives within a batch, and `GO n`.
    void deployMapsTheServersLine()
    {
        struct Fake : BatchExecutor
        {
            QStringList sent;
            bool open(QString *) override { return true; }
            ExecResult execute(const QString &batch) override
            {
                sent.append(batch);
                ExecResult r;
                if (batch.contains(u"boom"_qs)) {
                    r.ok = false;
                    r.message = u"Incorrect syntax near 'boom'."_qs;
                    r.errorNumber = 102;
                    r.line = 2;
                }
                return r;
            }
            void close() override {}
        } fake;
        const OperationResult r = ScriptDeploy::run(fake, u"PRINT 1;\nGO 2\nSELECT 1;\nboom\nGO\nSELECT 3;\nGO\nSELECT 4;\n"_qs);
        QVERIFY(!r.ok);
        QCOMPARE(fake.sent, (QStringList{u"PRINT 1;"_qs, u"PRINT 1;"_qs, u"SELECT 1;\nboom"_qs}));
        QCOMPARE(r.message, u"Batch 1 of 4 (line 1) succeeded.\nBatch 2 of 4 failed at line 4: Incorrect syntax near 'boom'. "
                            u"[error 102]\nBatches 3 to 4 were not run."_qs);
        QCOMPARE(r.errorNumber, 102);
        const OperationResult invalid = ScriptDeploy::run(fake, u"SELECT 1;\nGO 0\n"_qs);
        QVERIFY(!invalid.ok);
        QVERIFY(invalid.message.startsWith(u"Line 2: "_qs));
    }

    void readOnlySendsNothing()
    {
        OdbcBrokerOperations ops(m_server->connectionString(), {});
        ops.setReadOnly(true);
        OperationPath path(&ops);
        QTemporaryDir dir;
        QVERIFY(path.openAudit(dir.filePath(u"h.sqlite"_qs)));
        std::optional<OperationResult> result;
        const Operation o = op(OperationKind::EndConversation);
        path.execute(o, OperationPath::prepare(o), this, [&](const OperationResult &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->ok);
        QTest::qWait(200);
        QVERIFY(m_server->requestsFor(u"ops.end_conversation"_qs).isEmpty());
        QCOMPARE(path.audit().records().value(0).outcome, u"refused"_qs);
    }
};

QTEST_GUILESS_MAIN(TestTdsOperations)
#include "tst_tdsoperations.moc"

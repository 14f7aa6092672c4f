// The operations path on the simulator (the demo as a training ground): browse a queue in pages
// and a body, END WITH ERROR → an Error message at the initiator, WITH CLEANUP → the closed
// endpoint gone, a queue switch, a lost handle, a read-only profile; every write audited.
#include "core/ops/operationregistry.h"
#include "core/sim/simulator.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

const QString OrdersTarget = QStringLiteral("//BrokerStudio/Orders/Target");
const QString OrdersInitiator = QStringLiteral("//BrokerStudio/Orders/Initiator");
const QString AuditTarget = QStringLiteral("//BrokerStudio/Audit/Target");
const QString NaiveInitiator = QStringLiteral("//BrokerStudio/Naive/Initiator");
const QString NaiveTarget = QStringLiteral("//BrokerStudio/Naive/Target");

Operation naiveSend()
{
    Operation op;
    op.kind = OperationKind::SendMessage;
    op.fromService = NaiveInitiator;
    op.toService = NaiveTarget;
    op.contract = QStringLiteral("//BrokerStudio/Naive/Contract");
    op.messageType = QStringLiteral("//BrokerStudio/Naive/Task");
    op.messageTypeValidation = QStringLiteral("X");
    op.body = QByteArray("<task>test</task>");
    return op;
}

} // namespace

class TestSimOperations : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SimBrokerSource> m_source;
    std::unique_ptr<OperationPath> m_path;
    QTemporaryDir m_dir;

    sim::Simulator *sim() const { return m_source->simulator(); }

    OperationResult execute(const Operation &op)
    {
        std::optional<OperationResult> result;
        m_path->execute(op, OperationPath::prepare(op), this, [&](const OperationResult &r) { result = r; });
        [&] { QTRY_VERIFY(result.has_value()); }();
        return result.value_or(OperationResult{});
    }
    QueueMessagePage browse(const QueueRef &queue, qint64 after, int rows)
    {
        std::optional<QueueMessagePage> page;
        m_source->operations()->browseQueue(queue, after, rows, this, [&](const QueueMessagePage &p) { page = p; });
        [&] { QTRY_VERIFY(page.has_value()); }();
        return page.value_or(QueueMessagePage{});
    }
    void advance(double seconds) { sim()->advanceTo(sim()->now() + sim::SimTime(seconds * double(sim::Second))); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_source.reset(SimBrokerSource::createDemo());
        m_source->pause();
        m_path = std::make_unique<OperationPath>(m_source->operations());
        QVERIFY2(m_path->openAudit(m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())))), qPrintable(m_path->auditError()));
    }
    void cleanup()
    {
        m_path.reset();
        m_source.reset();
    }

    void browseQueueInPagesAndReadABody()
    {
        const QueueRef queue{u"dbo"_qs, u"NaiveTargetQueue"_qs};
        Operation off;
        off.kind = OperationKind::QueueActivation;
        off.queue = queue;
        off.enable = false;
        QVERIFY(execute(off).ok);
        advance(60); // no reader ever started: about 2 tasks a second wait in the queue
        const QueueMessagePage first = browse(queue, -1, 50);
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.messages.size(), 50);
        QVERIFY(first.hasMore);
        const QueueMessagePage second = browse(queue, first.messages.last().queuingOrder, 50);
        QVERIFY(!second.messages.isEmpty());
        QVERIFY(second.messages.first().queuingOrder > first.messages.last().queuingOrder);
        // The naive sender ENDs right after its SEND: each conversation brings its task, then EndDialog.
        const QString task = u"//BrokerStudio/Naive/Task"_qs;
        const QString endDialog = u"http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog"_qs;
        for (const QueueMessage &m : first.messages) {
            QVERIFY2(m.messageTypeName == task || m.messageTypeName == endDialog, qPrintable(m.messageTypeName));
            QCOMPARE(m.serviceName, u"//BrokerStudio/Naive/Target"_qs);
            QVERIFY(!m.conversationHandle.isNull());
            QCOMPARE(m.bodySize > 0, m.messageTypeName == task);
        }
        QCOMPARE(first.messages.first().messageTypeName, task);
        QCOMPARE(first.messages.at(1).messageTypeName, endDialog);
        QCOMPARE(first.messages.at(1).conversationHandle, first.messages.first().conversationHandle);
        std::optional<MessageBody> body;
        const QueueMessage &m = first.messages.first();
        m_source->operations()->fetchBody(queue, m.conversationHandle, m.sequenceNumber, this,
                                          [&](const MessageBody &b) { body = b; });
        QTRY_VERIFY(body.has_value());
        QVERIFY2(body->error.isEmpty(), qPrintable(body->error));
        QCOMPARE(body->totalSize, m.bodySize);
        const QString xml = QString::fromUtf16(reinterpret_cast<const char16_t *>(body->head.constData() + 2),
                                               (body->head.size() - 2) / 2);
        QVERIFY2(xml.startsWith(QLatin1String("<task>")), qPrintable(xml));
        // A queue that is not there is an error, not an empty page.
        QVERIFY(browse({u"dbo"_qs, u"NoSuchQueue"_qs}, -1, 10).error.contains(QLatin1String("Invalid object name")));
    }

    void endWithErrorSendsAnErrorToTheInitiator()
    {
        advance(600);
        Operation off;
        off.kind = OperationKind::QueueActivation;
        off.queue = {u"dbo"_qs, u"OrdersInitiatorQueue"_qs};
        off.enable = false; // nobody receives the Error, so it stays to be seen
        QVERIFY(execute(off).ok);
        const QList<QUuid> targets = sim()->endpointHandles(OrdersTarget, OrdersInitiator, {EndpointState::CO});
        QVERIFY(!targets.isEmpty());
        const ConversationDetail before = sim()->conversation(targets.first());
        QCOMPARE(before.endpoints.size(), 2);
        QUuid initiator;
        for (const ConversationEndpoint &e : before.endpoints) {
            if (e.isInitiator)
                initiator = e.handle;
        }
        QVERIFY(!initiator.isNull());

        Operation end;
        end.kind = OperationKind::EndConversationWithError;
        end.conversationHandle = targets.first();
        end.errorCode = 50001;
        end.errorDescription = u"Stock service retired"_qs;
        const OperationResult r = execute(end);
        QVERIFY2(r.ok, qPrintable(r.message));
        advance(1);
        const ConversationDetail after = sim()->conversation(initiator);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.endpoints.first().state, u"ER"_qs);
        QVERIFY(after.queuedMessages >= 1);
        bool sawError = false;
        QueueMessagePage page = browse({u"dbo"_qs, u"OrdersInitiatorQueue"_qs}, -1, 1000);
        for (const QueueMessage &m : page.messages) {
            if (m.conversationHandle == initiator
                && m.messageTypeName == u"http://schemas.microsoft.com/SQL/ServiceBroker/Error"_qs) {
                const MessageBody b = sim()->messageBody(initiator, m.sequenceNumber);
                const QString xml = QString::fromUtf16(reinterpret_cast<const char16_t *>(b.head.constData() + 2),
                                                       (b.head.size() - 2) / 2);
                QVERIFY2(xml.contains(QLatin1String("<Code>50001</Code>")), qPrintable(xml));
                sawError = true;
            }
        }
        QVERIFY(sawError);
    }

    void cleanupRemovesAClosedEndpointSilently()
    {
        advance(600);
        const QList<QUuid> closed = sim()->endpointHandles(AuditTarget, QString(), {EndpointState::CD}, 10);
        QVERIFY(!closed.isEmpty());
        const qint64 before = sim()->endpointCount(EndpointState::CD);
        Operation op;
        op.kind = OperationKind::EndConversationWithCleanup;
        op.conversationHandle = closed.first();
        QVERIFY(execute(op).ok);
        QCOMPARE(sim()->endpointCount(EndpointState::CD), before - 1);
        QVERIFY(sim()->conversation(closed.first()).error.contains(QLatin1String("is not found")));
        // The same handle again: SQL Server's 8426, audited as failed.
        const OperationResult again = execute(op);
        QVERIFY(!again.ok);
        QCOMPARE(again.errorNumber, 8426);
        const QList<AuditRecord> rows = m_path->audit().records();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().outcome, u"failed"_qs);
        QCOMPARE(rows.last().outcome, u"succeeded"_qs);
        QCOMPARE(rows.last().operation, u"end-conversation-with-cleanup"_qs);
        QCOMPARE(rows.last().statement, OperationPath::prepare(op).text);
        QVERIFY(rows.last().parameters.contains(closed.first().toString(QUuid::WithoutBraces).toUpper()));
        QCOMPARE(rows.last().server, u"(simulation)"_qs);
        QCOMPARE(rows.last().database, u"SalesOpsDemo"_qs);
    }

    void queueStatusSwitches()
    {
        Operation op;
        op.kind = OperationKind::QueueStatus;
        op.queue = {u"dbo"_qs, u"OrdersTargetQueue"_qs};
        op.enable = false;
        QSignalSpy changed(m_source->operations(), &BrokerOperations::changed);
        QVERIFY(execute(op).ok);
        QCOMPARE(changed.size(), 1);
        auto receiveEnabled = [&] {
            for (const Queue &q : sim()->catalog().queues) {
                if (q.name == op.queue.name)
                    return q.isReceiveEnabled;
            }
            return true;
        };
        QVERIFY(!receiveEnabled());
        op.enable = true;
        QVERIFY(execute(op).ok);
        QVERIFY(receiveEnabled());
        op.queue.name = u"Gone"_qs;
        QVERIFY(!execute(op).ok);
    }

    // A queue switch makes the path announce a catalog change (the main window reads the catalog
    // again); ending a conversation or a refused write does not.
    void onlyCatalogOperationsAnnounceACatalogChange()
    {
        advance(600);
        QSignalSpy catalogChanged(m_path.get(), &OperationPath::catalogChanged);
        Operation status;
        status.kind = OperationKind::QueueStatus;
        status.queue = {u"dbo"_qs, u"OrdersTargetQueue"_qs};
        status.enable = false;
        QVERIFY(execute(status).ok);
        QCOMPARE(catalogChanged.size(), 1);
        const QList<QUuid> closed = sim()->endpointHandles(AuditTarget, QString(), {EndpointState::CD}, 1);
        QVERIFY(!closed.isEmpty());
        Operation end;
        end.kind = OperationKind::EndConversationWithCleanup;
        end.conversationHandle = closed.first();
        QVERIFY(execute(end).ok);
        QCOMPARE(catalogChanged.size(), 1);
        m_source->operations()->setReadOnly(true);
        status.enable = true;
        QVERIFY(!execute(status).ok);
        QCOMPARE(catalogChanged.size(), 1);
    }

    void sendReachesTheTargetQueue()
    {
        const QueueRef target{u"dbo"_qs, u"NaiveTargetQueue"_qs};
        Operation off;
        off.kind = OperationKind::QueueActivation;
        off.queue = target;
        off.enable = false; // nobody receives it, so it stays to be seen
        QVERIFY(execute(off).ok);
        const OperationResult r = execute(naiveSend());
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(!r.conversationHandle.isNull());
        advance(1);
        const ConversationDetail c = sim()->conversation(r.conversationHandle);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(c.endpoints.size(), 2); // the target's endpoint exists: the message arrived
        QVERIFY(c.transmission.isEmpty());
        QUuid targetHandle;
        for (const ConversationEndpoint &e : c.endpoints) {
            if (!e.isInitiator)
                targetHandle = e.handle;
        }
        std::optional<QueueMessage> sent;
        for (const QueueMessage &m : browse(target, -1, 100000).messages) {
            if (m.conversationHandle == targetHandle && m.messageTypeName == u"//BrokerStudio/Naive/Task"_qs)
                sent = m;
        }
        QVERIFY(sent);
        QCOMPARE(m_path->audit().records().value(0).operation, u"send-message"_qs);
        // It carries the body that was typed, not the workload's task document.
        QCOMPARE(sent->bodySize, naiveSend().body.size());
        std::optional<MessageBody> body;
        m_source->operations()->fetchBody(target, sent->conversationHandle, sent->sequenceNumber, this,
                                          [&](const MessageBody &b) { body = b; });
        QTRY_VERIFY(body.has_value());
        QVERIFY2(body->error.isEmpty(), qPrintable(body->error));
        QCOMPARE(body->head, naiveSend().body);
        QVERIFY(!body->isTruncated());

        // A body over the fetch cap: its size whole, its first MiB fetched, as on a server.
        Operation big = naiveSend();
        big.body = "<task>" + QByteArray(int(BodyCapBytes) + 1000, 'x') + "</task>";
        const OperationResult bigSent = execute(big);
        QVERIFY2(bigSent.ok, qPrintable(bigSent.message));
        advance(1);
        std::optional<QueueMessage> bigMessage;
        for (const ConversationEndpoint &e : sim()->conversation(bigSent.conversationHandle).endpoints) {
            for (const QueueMessage &m : browse(target, -1, 100000).messages) {
                if (!e.isInitiator && m.conversationHandle == e.handle)
                    bigMessage = m;
            }
        }
        QVERIFY(bigMessage);
        QCOMPARE(bigMessage->bodySize, big.body.size());
        body.reset();
        m_source->operations()->fetchBody(target, bigMessage->conversationHandle, bigMessage->sequenceNumber, this,
                                          [&](const MessageBody &b) { body = b; });
        QTRY_VERIFY(body.has_value());
        QCOMPARE(body->head, big.body.left(BodyCapBytes));
        QVERIFY(body->isTruncated());

        // A pair the simulation does not have, and a type the contract lacks: clear errors, audited.
        Operation stranger = naiveSend();
        stranger.toService = u"//Nobody"_qs;
        OperationResult bad = execute(stranger);
        QVERIFY(!bad.ok);
        QVERIFY2(bad.message.contains(QLatin1String("no dialog from service")), qPrintable(bad.message));
        Operation wrongType = naiveSend();
        wrongType.messageType = u"//Other/Type"_qs;
        bad = execute(wrongType);
        QVERIFY(!bad.ok);
        QCOMPARE(bad.errorNumber, 8431);
        QCOMPARE(m_path->audit().records().value(0).outcome, u"failed"_qs);
    }

    void sendAndEndLeavesTheInitiatorWaitingForTheTarget()
    {
        Operation op = naiveSend();
        op.endAfterSend = true;
        const OperationResult r = execute(op);
        QVERIFY2(r.ok, qPrintable(r.message));
        const ConversationDetail c = sim()->conversation(r.conversationHandle);
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(c.endpoints.first().state, u"DO"_qs);
    }

    void databaseBrokerSwitches()
    {
        auto brokerEnabled = [&] { return sim()->catalog().database.isBrokerEnabled; };
        Operation db;
        db.kind = OperationKind::DatabaseBroker;
        db.database = u"SalesOpsDemo"_qs;
        db.brokerSwitch = BrokerSwitch::Disable;
        QVERIFY(execute(db).ok);
        QVERIFY(!brokerEnabled());
        // With delivery stopped, a message waits in sys.transmission_queue with its status.
        const OperationResult sent = execute(naiveSend());
        QVERIFY2(sent.ok, qPrintable(sent.message));
        advance(1);
        ConversationDetail c = sim()->conversation(sent.conversationHandle);
        QCOMPARE(c.endpoints.size(), 1);
        QCOMPARE(c.transmission.size(), 1);
        db.brokerSwitch = BrokerSwitch::Enable;
        QVERIFY(execute(db).ok);
        QVERIFY(brokerEnabled());
        advance(70); // the retry delivers it
        c = sim()->conversation(sent.conversationHandle);
        QVERIFY(c.transmission.isEmpty());

        advance(60);
        QVERIFY(sim()->endpointCount(EndpointState::CO) > 0);
        db.brokerSwitch = BrokerSwitch::ErrorConversations;
        OperationResult r = execute(db);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(sim()->endpointCount(EndpointState::CO), 0);
        QCOMPARE(sim()->endpointCount(EndpointState::SO), 0);
        QVERIFY(brokerEnabled());

        advance(60);
        QVERIFY(sim()->endpointCount() > 0);
        db.brokerSwitch = BrokerSwitch::NewBroker;
        QVERIFY(execute(db).ok);
        QCOMPARE(sim()->endpointCount(), 0);
        QCOMPARE(sim()->transmissionQueueSize(), 0);
        QVERIFY(brokerEnabled());
    }

    void poisonPlanAQuarantinesAndTheBacklogDrains()
    {
        QString error;
        m_path.reset();
        m_source.reset(SimBrokerSource::fromFile(u"poison"_qs, &error));
        QVERIFY2(m_source, qPrintable(error));
        m_source->pause();
        m_path = std::make_unique<OperationPath>(m_source->operations());
        QVERIFY(m_path->openAudit(m_dir.filePath(u"history-poison.sqlite"_qs)));
        const QueueRef queue{u"dbo"_qs, u"BillingTargetQueue"_qs};
        auto target = [&] { return *sim()->catalog().queueByName(queue.schema, queue.name); };
        advance(300); // task 100 arrives after about 20 s; five rollbacks turn the queue off
        QVERIFY(!target().isReceiveEnabled);
        const qint64 waiting = sim()->transmissionQueueSize();
        QVERIFY(waiting > 500);

        std::optional<PoisonCandidate> candidate;
        m_source->operations()->poisonCandidate(queue, this, [&](const PoisonCandidate &c) { candidate = c; });
        QTRY_VERIFY(candidate.has_value());
        QVERIFY2(candidate->found, qPrintable(candidate->error));
        QVERIFY(candidate->how.contains(QLatin1String("rolled back")));

        Operation plan;
        plan.kind = OperationKind::PoisonQuarantine;
        plan.queue = queue;
        plan.conversationHandle = candidate->message.conversationHandle;
        plan.hasActivation = true;
        const OperationResult r = execute(plan);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(target().isReceiveEnabled);
        QVERIFY(target().isActivationEnabled);
        // The target's side is closed with its messages gone; the initiator learns it from an Error.
        const ConversationDetail ended = sim()->conversation(plan.conversationHandle);
        QVERIFY2(ended.error.isEmpty() || ended.error.contains(QLatin1String("is not found")), qPrintable(ended.error));
        if (ended.error.isEmpty()) {
            QCOMPARE(ended.endpoints.first().state, u"CD"_qs);
            QVERIFY(!ended.endpoints.first().isInitiator);
        }
        advance(300); // transmission retries deliver the backlog; four readers drain it
        QVERIFY2(sim()->transmissionQueueSize() < waiting / 10,
                 qPrintable(QStringLiteral("%1 of %2 still waiting").arg(sim()->transmissionQueueSize()).arg(waiting)));
        QVERIFY(target().isReceiveEnabled); // the poison message is not received again
        std::optional<QList<QuarantinedMessage>> rows;
        m_source->operations()->browseQuarantine(100, this, [&](const QList<QuarantinedMessage> &q, const QString &) { rows = q; });
        QTRY_VERIFY(rows.has_value());
        QVERIFY(!rows->isEmpty());
        QCOMPARE(rows->first().conversationHandle, plan.conversationHandle);
        QCOMPARE(rows->first().queueName, u"[dbo].[BillingTargetQueue]"_qs);
        QCOMPARE(m_path->audit().records().value(0).operation, u"poison-quarantine"_qs);
    }

    void readOnlyRefusesEveryWrite()
    {
        advance(600);
        m_source->operations()->setReadOnly(true);
        const qint64 before = sim()->endpointCount();
        Operation op;
        op.kind = OperationKind::EndConversationWithCleanup;
        op.conversationHandle = sim()->endpointHandles(AuditTarget, QString(), {EndpointState::CD}, 1).value(0);
        const OperationResult r = execute(op);
        QVERIFY(!r.ok);
        QVERIFY(r.message.contains(QLatin1String("read-only")));
        QCOMPARE(sim()->endpointCount(), before);
        QCOMPARE(m_path->audit().records().value(0).outcome, u"refused"_qs);
        m_source->operations()->setReadOnly(false);
    }

    // The simulator cannot run T-SQL: a deployment is blocked before its preview and refused (and
    // audited) if it is sent anyway; the simulated broker goes on as it was.
    void deployIsRefusedOnTheSimulator()
    {
        Operation op;
        op.kind = OperationKind::DeployScript;
        op.script = u"DROP SERVICE [//BrokerStudio/Orders/Target];"_qs;
        QVERIFY(m_path->writesBlockedReason().isEmpty());
        QVERIFY(m_path->blockedReason(op.kind).contains(u"cannot run T-SQL"_qs));
        QVERIFY(m_path->blockedReason(OperationKind::QueueStatus).isEmpty());
        advance(60);
        const qint64 endpoints = sim()->endpointCount();
        const OperationResult r = execute(op);
        QVERIFY(!r.ok);
        QCOMPARE(r.message, m_path->blockedReason(op.kind));
        QCOMPARE(sim()->endpointCount(), endpoints);
        QCOMPARE(m_path->audit().records().value(0).outcome, u"refused"_qs);
        QCOMPARE(m_path->audit().records().value(0).statement, op.script);
    }

    void editedStatementIsRefused()
    {
        Operation op;
        op.kind = OperationKind::QueueStatus;
        op.queue = {u"dbo"_qs, u"OrdersTargetQueue"_qs};
        OperationStatement edited = OperationPath::prepare(op);
        edited.text += u"\nDROP TABLE dbo.Orders;"_qs;
        std::optional<OperationResult> result;
        m_path->execute(op, edited, this, [&](const OperationResult &r) { result = r; });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->ok);
        QCOMPARE(m_path->audit().records().value(0).outcome, u"refused"_qs);
    }

    void auditExportsAsCsv()
    {
        Operation op;
        op.kind = OperationKind::QueueMaxReaders;
        op.queue = {u"dbo"_qs, u"OrdersTargetQueue"_qs};
        op.maxReaders = 3;
        QVERIFY(execute(op).ok);
        const QString path = m_dir.filePath(u"audit.csv"_qs);
        QString error;
        QVERIFY2(AuditLog::exportCsv(m_path->audit().records(), path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(f.readAll());
        QVERIFY(csv.startsWith(QLatin1String("time_utc,login,server")));
        QVERIFY(csv.contains(QLatin1String("MAX_QUEUE_READERS = 3")));
    }
};

QTEST_GUILESS_MAIN(TestSimOperations)
#include "tst_simoperations.moc"

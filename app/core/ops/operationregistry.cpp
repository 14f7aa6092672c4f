#include "core/ops/operationregistry.h"

#include "core/ops/bodytext.h"
#include "core/script/batchsplitter.h"
#include "core/sqlquote.h"

#include <QRegularExpression>
#include <QStringList>
#include <QXmlStreamReader>


namespace bs {

namespace {

const QString EndConversationPage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql");
const QString AlterQueuePage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql");
const QString BeginDialogPage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/begin-dialog-conversation-transact-sql");
const QString PoisonPage = QStringLiteral("https://learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages");
const QString AlterDatabaseSetPage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options");

QList<OperationSpec> makeSpecs()
{
    return {
        {OperationKind::EndConversation, QStringLiteral("end-conversation"), QStringLiteral("End conversation"),
         QStringLiteral("end_conversation"), EndConversationPage,
         QStringLiteral("Ends this side of the conversation. The far side receives an EndDialog message and must "
                        "end its side too; messages still in the queue for it are removed."),
         QString()},
        {OperationKind::EndConversationWithError, QStringLiteral("end-conversation-with-error"),
         QStringLiteral("End conversation with error"), QStringLiteral("end_conversation_with_error"), EndConversationPage,
         QStringLiteral("Ends this side of the conversation and sends the far side an Error message with the code and "
                        "description, so that it learns why."),
         QStringLiteral("Messages of this conversation not yet sent are dropped.")},
        {OperationKind::EndConversationWithCleanup, QStringLiteral("end-conversation-with-cleanup"),
         QStringLiteral("End conversation with cleanup"), QStringLiteral("end_conversation_with_cleanup"), EndConversationPage,
         QStringLiteral("Removes this side's endpoint and every message of the conversation in the queue and the "
                        "transmission queue. The documented remedy for an endpoint that cannot complete normally: "
                        "a CLOSED endpoint kept for its lifetime, or a far service that no longer exists."),
         QStringLiteral("The other side is NOT notified, and the messages are thrown away. If the far side has not "
                        "acknowledged a message yet, it may be sent again. Never use it on a healthy conversation.")},
        {OperationKind::QueueStatus, QStringLiteral("queue-status"), QStringLiteral("Set queue status"),
         QStringLiteral("queue_status"), AlterQueuePage,
         QStringLiteral("STATUS = ON makes the queue available again (for example after poison-message handling "
                        "disabled it); OFF stops every SEND to it and every RECEIVE from it."),
         QStringLiteral("With STATUS = OFF, messages to this queue wait in the senders' transmission queues."),
         true},
        {OperationKind::QueueActivation, QStringLiteral("queue-activation"), QStringLiteral("Set queue activation"),
         QStringLiteral("queue_activation"), AlterQueuePage,
         QStringLiteral("Turns the start of the activation procedure on or off. Running instances finish; the queue "
                        "keeps accepting messages."),
         QString(),
         true},
        {OperationKind::QueueMaxReaders, QStringLiteral("queue-max-readers"), QStringLiteral("Set MAX_QUEUE_READERS"),
         QStringLiteral("queue_max_readers"), AlterQueuePage,
         QStringLiteral("Sets how many instances of the activation procedure the queue may run at once (0–32767)."),
         QString(),
         true},
        {OperationKind::SendMessage, QStringLiteral("send-message"), QStringLiteral("Send a test message"),
         QStringLiteral("send_message"), BeginDialogPage,
         QStringLiteral("Begins a dialog from a local service to a service on a contract and sends one message of the "
                        "chosen type, in one transaction; optionally ends the dialog from this side afterwards. The new "
                        "conversation is shown afterwards: the target's queue when the target is local, otherwise "
                        "sys.transmission_queue with its status."),
         QStringLiteral("The message is real: if the target service has an activation procedure, it processes it.")},
        {OperationKind::DatabaseBroker, QStringLiteral("database-broker"), QStringLiteral("Set the database's broker option"),
         QStringLiteral("database_broker"), AlterDatabaseSetPage,
         QStringLiteral("ALTER DATABASE … SET a Service Broker option (what it does to existing conversations is "
                        "said below)."),
         QString(),
         true},
        {OperationKind::PoisonQuarantine, QStringLiteral("poison-quarantine"),
         QStringLiteral("Quarantine the poison message and re-enable the queue"), QStringLiteral("poison_quarantine"),
         PoisonPage,
         QStringLiteral("Turns the queue back on with activation off, copies every message of the poison conversation "
                        "into dbo.BrokerPoisonQuarantine (created if missing), ends that conversation WITH ERROR 127 so "
                        "the far side learns why, then turns activation back on: the backlog drains."),
         QStringLiteral("The poison conversation is over: its other queued messages are copied and removed too, and "
                        "the sender receives an Error message."),
         true},
        {OperationKind::QueueResumeForDebug, QStringLiteral("queue-resume-debug"),
         QStringLiteral("Re-enable the queue with activation off"), QStringLiteral("queue_resume_debug"), AlterQueuePage,
         QStringLiteral("Turns the queue back on (STATUS = ON) with activation off, so that nothing RECEIVEs until "
                        "you do, by hand, to debug the failing message."),
         QStringLiteral("Messages keep arriving and wait until activation is turned back on."),
         true},
        // No template: the statement is the script the user reviewed (a design's migration, written
        // by DesignDiff with each statement's page cited in core/design). It is split at GO lines as
        // sqlcmd does (the GO page below) and each batch is sent as it stands.
        {OperationKind::DeployScript, QStringLiteral("deploy-script"), QStringLiteral("Deploy script"), QString(),
         QStringLiteral("https://learn.microsoft.com/sql/t-sql/language-elements/sql-server-utilities-statements-go"),
         QStringLiteral("Runs the script below on the database, batch by batch (split at GO lines); the first failing "
                        "batch stops the run. A design migration is one batch in one transaction with XACT_ABORT ON, "
                        "so an error rolls all of it back."),
         QStringLiteral("Read every -- WARNING line of the script: dropping a queue deletes its messages, dropping a "
                        "service ends its conversations with an error."),
         true},
    };
}

bool isEnd(OperationKind kind)
{
    return kind == OperationKind::EndConversation || kind == OperationKind::EndConversationWithError
        || kind == OperationKind::EndConversationWithCleanup;
}

// SQL Server's xml type (what VALIDATION = WELL_FORMED_XML checks) takes a content fragment: text
// and several top-level elements are well-formed. So the body is read inside a wrapper element,
// after its XML declaration, if it has one.
QString xmlProblem(const QByteArray &bytes)
{
    QString text = BodyText::decode(bytes).text;
    static const QRegularExpression declaration(QStringLiteral("^\\s*<\\?xml[^?]*\\?>"));
    text.remove(declaration);
    QXmlStreamReader reader(QStringLiteral("<bs-body>") + text + QStringLiteral("</bs-body>"));
    while (!reader.atEnd())
        reader.readNext();
    if (!reader.hasError())
        return QString();
    return QStringLiteral("The body is not well-formed XML, which the message type's VALIDATION requires "
                          "(line %1, column %2: %3).")
        .arg(reader.lineNumber())
        .arg(reader.lineNumber() == 1 ? reader.columnNumber() - 9 : reader.columnNumber())
        .arg(reader.errorString());
}

QString sendProblem(const Operation &op)
{
    const QList<std::pair<QString, QString>> names{{op.fromService, QStringLiteral("initiator service")},
                                                   {op.contract, QStringLiteral("contract")},
                                                   {op.messageType, QStringLiteral("message type")}};
    for (const auto &[name, what] : names) {
        const QString problem = identifierProblem(name, what);
        if (!problem.isEmpty())
            return problem;
    }
    if (op.toService.isEmpty())
        return QStringLiteral("No target service.");
    if (op.toService.size() > 256)
        return QStringLiteral("The target service name is %1 characters; TO SERVICE takes at most 256.").arg(op.toService.size());
    if (op.body.size() > MaxTestMessageBytes)
        return QStringLiteral("The body is %1 bytes; Broker Studio sends test messages of at most %2 MiB.")
            .arg(op.body.size()).arg(MaxTestMessageBytes / (1024 * 1024));
    if (op.messageTypeValidation == QLatin1String("E") && !op.body.isEmpty())
        return QStringLiteral("The message type's VALIDATION is EMPTY: the message cannot have a body (%1 bytes given).")
            .arg(op.body.size());
    if (op.messageTypeValidation == QLatin1String("X") && !op.body.isEmpty())
        return xmlProblem(op.body);
    return QString();
}

} // namespace

QString PermissionCheck::describe() const
{
    if (securable.isEmpty())
        return QStringLiteral("%1 on the database").arg(permission);
    return QStringLiteral("%1 on %2").arg(permission, commentText(securable));
}

QString OperationRegistry::effect(const Operation &op)
{
    if (op.kind == OperationKind::DatabaseBroker)
        return brokerOptionEffect(op.brokerSwitch);
    return spec(op.kind).effect;
}

QString OperationRegistry::warning(const Operation &op)
{
    if (op.kind != OperationKind::DatabaseBroker)
        return spec(op.kind).warning;
    QStringList parts;
    if (op.brokerSwitch == BrokerSwitch::NewBroker)
        parts << QStringLiteral("NEW_BROKER throws away every conversation and its messages; the far sides are not told.");
    if (op.brokerSwitch == BrokerSwitch::ErrorConversations)
        parts << QStringLiteral("ERROR_BROKER_CONVERSATIONS ends every conversation, healthy ones included.");
    if (op.rollbackImmediate)
        parts << QStringLiteral("WITH ROLLBACK IMMEDIATE rolls back the open transactions of every other session in this "
                                "database and disconnects them: applications' work in flight, and Broker Studio's own "
                                "monitoring connection, which reconnects.");
    else
        parts << QStringLiteral("Without WITH ROLLBACK IMMEDIATE the statement waits while any other session uses the "
                                "database (Broker Studio's monitoring connection is one: stop monitoring first), and the "
                                "window shows it running until the server answers.");
    return parts.join(QLatin1Char(' '));
}

QString OperationRegistry::brokerOptionKeyword(BrokerSwitch option)
{
    switch (option) {
    case BrokerSwitch::Enable: return QStringLiteral("ENABLE_BROKER");
    case BrokerSwitch::Disable: return QStringLiteral("DISABLE_BROKER");
    case BrokerSwitch::NewBroker: return QStringLiteral("NEW_BROKER");
    case BrokerSwitch::ErrorConversations: return QStringLiteral("ERROR_BROKER_CONVERSATIONS");
    }
    return QString();
}

QString OperationRegistry::brokerOptionEffect(BrokerSwitch option)
{
    // ALTER DATABASE SET options, <service_broker_option>:
    // https://learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options
    switch (option) {
    case BrokerSwitch::Enable:
        return QStringLiteral("Starts message delivery (is_broker_enabled = 1) and keeps the broker identifier. Existing "
                              "conversations continue; messages waiting in sys.transmission_queue are sent. It needs an "
                              "exclusive lock on the database: it waits while any other session uses it.");
    case BrokerSwitch::Disable:
        return QStringLiteral("Stops message delivery (is_broker_enabled = 0) and keeps the broker identifier. Existing "
                              "conversations stay; new messages wait in sys.transmission_queue and activation stops "
                              "until the broker is enabled again.");
    case BrokerSwitch::NewBroker:
        return QStringLiteral("Gives the database a new broker identifier. EVERY existing conversation is removed at once, "
                              "without an EndDialog or Error message to the far side (as WITH CLEANUP), and every route "
                              "that names the old identifier must be re-created. Meant for a restored copy that must not "
                              "talk to the original's partners.");
    case BrokerSwitch::ErrorConversations:
        return QStringLiteral("Keeps the broker identifier and ends EVERY conversation in the database with an error, so "
                              "the applications clean up their side; message delivery is enabled afterwards. Meant for "
                              "a database attached or restored where its old conversations cannot continue.");
    }
    return QString();
}

const QList<OperationSpec> &OperationRegistry::all()
{
    static const QList<OperationSpec> specs = makeSpecs();
    return specs;
}

const OperationSpec &OperationRegistry::spec(OperationKind kind)
{
    for (const OperationSpec &s : all()) {
        if (s.kind == kind)
            return s;
    }
    Q_UNREACHABLE();
    return all().first();
}

const OperationSpec *OperationRegistry::find(const QString &id)
{
    for (const OperationSpec &s : all()) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

PermissionCheck OperationRegistry::permission(const Operation &op)
{
    // A migration creates, alters and drops objects of any owner; CONTROL on the database (what
    // db_owner holds) covers all of them. [assumption: a narrower grant, such as db_ddladmin's,
    // is then told "missing"; the preview says which permission was checked.]
    if (isEnd(op.kind) || op.kind == OperationKind::PoisonQuarantine || op.kind == OperationKind::DeployScript)
        return {QString(), QStringLiteral("DATABASE"), QStringLiteral("CONTROL")};
    if (op.kind == OperationKind::DatabaseBroker)
        return {QString(), QStringLiteral("DATABASE"), QStringLiteral("ALTER")};
    if (op.kind == OperationKind::SendMessage && !op.queue.isValid())
        return {QString(), QStringLiteral("DATABASE"), QStringLiteral("CONTROL")};
    if (op.kind == OperationKind::SendMessage)
        return {quoteIdentifier(op.queue.schema) + QLatin1Char('.') + quoteIdentifier(op.queue.name),
                QStringLiteral("OBJECT"), QStringLiteral("RECEIVE")};
    return {quoteIdentifier(op.queue.schema) + QLatin1Char('.') + quoteIdentifier(op.queue.name),
            QStringLiteral("OBJECT"), QStringLiteral("ALTER")};
}

QString OperationRegistry::validate(const Operation &op)
{
    if (op.kind == OperationKind::DeployScript) {
        const BatchSplit split = BatchSplitter::split(op.script);
        if (!split.ok())
            return QStringLiteral("Line %1: %2").arg(split.errorLine).arg(split.error);
        if (split.batches.isEmpty())
            return QStringLiteral("The script has no statement to run.");
        return QString();
    }
    if (isEnd(op.kind)) {
        if (op.conversationHandle.isNull())
            return QStringLiteral("No conversation handle.");
        if (op.kind == OperationKind::EndConversationWithError) {
            if (op.errorCode <= 0)
                return QStringLiteral("The error code must be greater than 0 (END CONVERSATION … WITH ERROR).");
            if (op.errorDescription.trimmed().isEmpty())
                return QStringLiteral("The error needs a description: the far side reads it.");
            if (op.errorDescription.size() > 3000)
                return QStringLiteral("The description is %1 characters; END CONVERSATION takes at most 3000.")
                    .arg(op.errorDescription.size());
        }
        return QString();
    }
    if (op.kind == OperationKind::SendMessage)
        return sendProblem(op);
    if (op.kind == OperationKind::DatabaseBroker)
        return identifierProblem(op.database, QStringLiteral("database name"));
    if (op.kind == OperationKind::PoisonQuarantine && op.conversationHandle.isNull())
        return QStringLiteral("No conversation handle: which message is the poison one is not known.");
    if (!op.queue.isValid())
        return QStringLiteral("No queue.");
    for (const QString &part : {op.queue.schema, op.queue.name}) {
        const QString problem = identifierProblem(part, QStringLiteral("queue name"));
        if (!problem.isEmpty())
            return problem;
    }
    if (op.kind == OperationKind::QueueMaxReaders && (op.maxReaders < 0 || op.maxReaders > 32767))
        return QStringLiteral("MAX_QUEUE_READERS must be between 0 and 32767, not %1.").arg(op.maxReaders);
    return QString();
}

QString OperationRegistry::summary(const Operation &op)
{
    const QString handle = op.conversationHandle.toString(QUuid::WithoutBraces).toUpper();
    const QString queue = commentText(op.queue.displayName());
    const QString onOff = op.enable ? QStringLiteral("ON") : QStringLiteral("OFF");
    switch (op.kind) {
    case OperationKind::EndConversation:
        return QStringLiteral("End conversation %1").arg(handle);
    case OperationKind::EndConversationWithError:
        return QStringLiteral("End conversation %1 with error %2").arg(handle).arg(op.errorCode);
    case OperationKind::EndConversationWithCleanup:
        return QStringLiteral("End conversation %1 with cleanup").arg(handle);
    case OperationKind::QueueStatus:
        return QStringLiteral("Queue %1: STATUS = %2").arg(queue, onOff);
    case OperationKind::QueueActivation:
        return QStringLiteral("Queue %1: ACTIVATION STATUS = %2").arg(queue, onOff);
    case OperationKind::QueueMaxReaders:
        return QStringLiteral("Queue %1: MAX_QUEUE_READERS = %2").arg(queue).arg(op.maxReaders);
    case OperationKind::SendMessage:
        return QStringLiteral("Send %1 from %2 to %3 (%4 bytes)%5")
            .arg(commentText(op.messageType), commentText(op.fromService), commentText(op.toService))
            .arg(op.body.size())
            .arg(op.endAfterSend ? QStringLiteral(", then END") : QString());
    case OperationKind::PoisonQuarantine:
        return QStringLiteral("Queue %1: quarantine conversation %2, re-enable").arg(queue, handle);
    case OperationKind::QueueResumeForDebug:
        return QStringLiteral("Queue %1: STATUS = ON, ACTIVATION (STATUS = OFF)").arg(queue);
    case OperationKind::DatabaseBroker:
        return QStringLiteral("Database %1: SET %2%3")
            .arg(commentText(op.database), brokerOptionKeyword(op.brokerSwitch),
                 op.rollbackImmediate ? QStringLiteral(" WITH ROLLBACK IMMEDIATE") : QString());
    case OperationKind::DeployScript:
        return QStringLiteral("Deploy %1 (%2 lines)")
            .arg(op.scriptName.isEmpty() ? QStringLiteral("a script") : commentText(op.scriptName))
            .arg(op.script.count(QLatin1Char('\n')) + 1);
    }
    return QString();
}

} // namespace bs

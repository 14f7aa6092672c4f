#include "core/ops/operationregistry.h"

#include "core/script/batchsplitter.h"
#include "core/sqlquote.h"


namespace bs {

namespace {

const QString EndConversationPage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql");
const QString AlterQueuePage = QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql");

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
         QStringLiteral("With STATUS = OFF, messages to this queue wait in the senders' transmission queues.")},
        {OperationKind::QueueActivation, QStringLiteral("queue-activation"), QStringLiteral("Set queue activation"),
         QStringLiteral("queue_activation"), AlterQueuePage,
         QStringLiteral("Turns the start of the activation procedure on or off. Running instances finish; the queue "
                        "keeps accepting messages."),
         QString()},
        {OperationKind::QueueMaxReaders, QStringLiteral("queue-max-readers"), QStringLiteral("Set MAX_QUEUE_READERS"),
         QStringLiteral("queue_max_readers"), AlterQueuePage,
         QStringLiteral("Sets how many instances of the activation procedure the queue may run at once (0–32767)."),
         QString()},
        // No template: the statement is the script the user reviewed (a design's migration, written
        // by DesignDiff with each statement's page cited in core/design). It is split at GO lines as
        // sqlcmd does (the GO page below) and each batch is sent as it stands.
        {OperationKind::DeployScript, QStringLiteral("deploy-script"), QStringLiteral("Deploy script"), QString(),
         QStringLiteral("https://learn.microsoft.com/sql/t-sql/language-elements/sql-server-utilities-statements-go"),
         QStringLiteral("Runs the script below on the database, batch by batch (split at GO lines); the first failing "
                        "batch stops the run. A design migration is one batch in one transaction with XACT_ABORT ON, "
                        "so an error rolls all of it back."),
         QStringLiteral("Read every -- WARNING line of the script: dropping a queue deletes its messages, dropping a "
                        "service ends its conversations with an error.")},
    };
}

bool isEnd(OperationKind kind)
{
    return kind == OperationKind::EndConversation || kind == OperationKind::EndConversationWithError
        || kind == OperationKind::EndConversationWithCleanup;
}

} // namespace

QString PermissionCheck::describe() const
{
    if (securable.isEmpty())
        return QStringLiteral("%1 on the database").arg(permission);
    return QStringLiteral("%1 on %2").arg(permission, commentText(securable));
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
    if (isEnd(op.kind) || op.kind == OperationKind::DeployScript)
        return {QString(), QStringLiteral("DATABASE"), QStringLiteral("CONTROL")};
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
    case OperationKind::DeployScript:
        return QStringLiteral("Deploy %1 (%2 lines)")
            .arg(op.scriptName.isEmpty() ? QStringLiteral("a script") : commentText(op.scriptName))
            .arg(op.script.count(QLatin1Char('\n')) + 1);
    }
    return QString();
}

} // namespace bs

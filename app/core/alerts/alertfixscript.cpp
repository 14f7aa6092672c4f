#include "core/alerts/alertfixscript.h"

#include "core/ops/operationscript.h"
#include "core/script/enablebroker.h"
#include "core/sqlquote.h"

#include <QStringList>

namespace bs {

namespace {

QString qualified(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

// The endpoints of one service pair: sys.conversation_endpoints knows its own service by id.
// `indent` starts each line after the first; it is never applied to the text afterwards, which
// would also indent the lines of a service name with a line break inside its string literal.
QString pairFilter(const QString &localService, const QString &farService, const QString &indent = QString())
{
    return QStringLiteral("    JOIN sys.services AS s ON s.service_id = ce.service_id\n") + indent
        + QStringLiteral("WHERE s.name = ") + quoteLiteral(localService) + QLatin1Char('\n') + indent
        + QStringLiteral("  AND ce.far_service = ") + quoteLiteral(farService);
}

} // namespace

QString AlertFixScript::enableQueue(const QString &schema, const QString &queue, bool hasActivation)
{
    // Removing poison messages: learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages;
    // ALTER QUEUE ... WITH STATUS = ON, ACTIVATION (STATUS = OFF): learn.microsoft.com/sql/t-sql/statements/
    // alter-queue-transact-sql; the queue's columns (validation E/N/X, queuing_order): create-queue-transact-sql.
    const QString q = qualified(schema, queue);
    QString sql = QStringLiteral(
        "-- Poison message handling turned this queue off after five rollbacks in a row of a transaction\n"
        "-- that received from it. Run the steps one by one.\n");
    sql += QStringLiteral(
               "-- 1. Find the message that fails, oldest first (SELECT works while the queue is off).\n"
               "--    message_body is varbinary(max): shown as xml when the message type validates XML\n"
               "--    (validation = 'X'), else as bytes with their length.\n"
               "SELECT TOP (20) conversation_handle, conversation_group_id, message_type_name, service_name,\n"
               "       validation,\n"
               "       CASE WHEN validation = N'X' THEN CAST(message_body AS xml) END AS body_xml,\n"
               "       CASE WHEN validation <> N'X' THEN message_body END AS body_bytes,\n"
               "       DATALENGTH(message_body) AS body_length\n"
               "FROM ") + q + QStringLiteral(
               "\nORDER BY queuing_order;\n");
    if (hasActivation) {
        sql += QStringLiteral(
                   "-- 2. Turn the queue back on with activation OFF: with activation on, the activated procedure\n"
                   "--    would RECEIVE the same message again, fail, and the queue would be off within five tries.\n"
                   "ALTER QUEUE ") + q + QStringLiteral(" WITH STATUS = ON, ACTIVATION (STATUS = OFF);\n");
    } else {
        sql += QStringLiteral("-- 2. Turn the queue back on (it has no activation: stop its readers first).\n"
                              "ALTER QUEUE ") + q + QStringLiteral(" WITH STATUS = ON;\n");
    }
    sql += QStringLiteral(
               "-- 3. Set its conversation aside (the same steps as the poison triage's plan (a),\n"
               "--    sql/ops/poison_quarantine_steps.sql).\n"
               "DECLARE @handle uniqueidentifier = NULL; -- the conversation_handle of the poison message (step 1)\n"
               "IF @handle IS NULL\n"
               "    PRINT N'Set @handle to the conversation_handle of the poison message, then run steps 3 and 4.';\n"
               "ELSE\n"
               "BEGIN\n"
               "SET XACT_ABORT ON;\n");
    QString error;
    sql += OperationScript::poisonQuarantineSteps({schema, queue}, &error);
    if (!error.isEmpty())
        sql += QStringLiteral("-- ") + commentText(error) + QLatin1Char('\n');
    if (hasActivation) {
        sql += QStringLiteral("-- 4. Turn activation back on: the activated procedure takes the next message.\n"
                              "ALTER QUEUE ") + q + QStringLiteral(" WITH ACTIVATION (STATUS = ON);\n");
    }
    sql += QStringLiteral("END;\n");
    return sql;
}

QString AlertFixScript::enableActivation(const QString &schema, const QString &queue)
{
    // learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql: with messages waiting, activation
    // turned on starts a task at once (SERVICE_BROKER.md §5).
    return QStringLiteral("-- Activation is off: no activated procedure starts. If nothing else RECEIVEs from this\n"
                          "-- queue, turn it back on; a task starts at once while messages wait.\n"
                          "ALTER QUEUE ") + qualified(schema, queue) + QStringLiteral(" WITH ACTIVATION (STATUS = ON);\n");
}

QString AlertFixScript::inspectBacklog(const QString &schema, const QString &queue)
{
    // RECEIVE locks the conversation group (learn.microsoft.com/sql/t-sql/statements/receive-transact-sql);
    // sys.dm_broker_activated_tasks: spid, database_id, queue_id, procedure_name, execute_as
    // (learn.microsoft.com/sql/relational-databases/system-dynamic-management-views/sys-dm-broker-activated-tasks-transact-sql).
    const QString q = qualified(schema, queue);
    return QStringLiteral(
               "-- 1. How the waiting messages are spread over conversation groups. RECEIVE locks a whole\n"
               "--    conversation group until its transaction ends, so no more readers can work at once than\n"
               "--    there are groups with messages. One group holding most of them means the senders reuse one\n"
               "--    conversation: send on a pool of about MAX_QUEUE_READERS conversations instead.\n"
               "SELECT conversation_group_id,\n"
               "       COUNT_BIG(*) AS messages,\n"
               "       COUNT(DISTINCT conversation_handle) AS conversations\n"
               "FROM ") + q + QStringLiteral(
               "\nGROUP BY conversation_group_id\n"
               "ORDER BY messages DESC;\n"
               "-- 2. The activated tasks reading it now (needs VIEW SERVER STATE).\n"
               "SELECT t.spid, t.procedure_name, t.execute_as\n"
               "FROM sys.dm_broker_activated_tasks AS t\n"
               "WHERE t.database_id = DB_ID()\n"
               "  AND t.queue_id = OBJECT_ID(") + quoteLiteral(q) + QStringLiteral(");\n");
}

QString AlertFixScript::restartActivation(const QString &schema, const QString &queue)
{
    const QString q = qualified(schema, queue);
    return QStringLiteral("-- Switching activation off and on resets the queue monitor; check first that the\n"
                          "-- activation procedure RECEIVEs (a procedure that exits without RECEIVE leaves it NOTIFIED).\n"
                          "ALTER QUEUE ") + q + QStringLiteral(" WITH ACTIVATION (STATUS = OFF);\n"
                          "ALTER QUEUE ") + q + QStringLiteral(" WITH ACTIVATION (STATUS = ON);\n");
}

QString AlertFixScript::raiseMaxReaders(const QString &schema, const QString &queue, int newMaxReaders)
{
    return QStringLiteral("-- More readers help only if messages arrive on more conversation groups than readers:\n"
                          "-- RECEIVE locks a conversation group, so one conversation is served by one reader.\n"
                          "ALTER QUEUE ") + qualified(schema, queue)
        + QStringLiteral(" WITH ACTIVATION (MAX_QUEUE_READERS = %1);\n").arg(newMaxReaders);
}

QString AlertFixScript::cleanupLeakedClosed(const QString &localService, const QString &farService)
{
    return QStringLiteral(
               "-- First stop the leak: the target must END first and the initiator END on EndDialog\n"
               "-- (fire-and-forget never sets security_timestamp, so these endpoints live until LIFETIME).\n"
               "-- Then remove the leaked CLOSED endpoints (Rusanu, \"How to prevent conversation endpoint leaks\").\n"
               "-- WITH CLEANUP is for endpoints that are already closed; never put it in application code.\n"
               "DECLARE @handle uniqueidentifier, @n int = 0;\n"
               "DECLARE leaked CURSOR LOCAL FAST_FORWARD FOR\n"
               "    SELECT ce.conversation_handle\n"
               "    FROM sys.conversation_endpoints AS ce\n")
        + pairFilter(localService, farService) + QStringLiteral(
               "\n  AND ce.state = 'CD'\n"
               "  AND ce.security_timestamp = '19000101'\n"
               "  AND ce.lifetime > DATEADD(month, 1, GETUTCDATE())\n"
               "  -- WITH CLEANUP would also delete a message still waiting to leave, such as the EndDialog\n"
               "  -- the initiator waits for: leave those endpoints until it has gone.\n"
               "  AND NOT EXISTS (SELECT 1 FROM sys.transmission_queue AS tq\n"
               "                  WHERE tq.conversation_handle = ce.conversation_handle);\n"
               "OPEN leaked;\n"
               "BEGIN TRANSACTION;\n"
               "FETCH NEXT FROM leaked INTO @handle;\n"
               "WHILE @@FETCH_STATUS = 0\n"
               "BEGIN\n"
               "    END CONVERSATION @handle WITH CLEANUP;\n"
               "    SET @n += 1;\n"
               "    IF @n % 1000 = 0 BEGIN COMMIT; BEGIN TRANSACTION; END;\n"
               "    FETCH NEXT FROM leaked INTO @handle;\n"
               "END;\n"
               "COMMIT;\n"
               "CLOSE leaked;\n"
               "DEALLOCATE leaked;\n");
}

namespace {

// The guarded, batched END of one pair's endpoints in `stateCode` (steps 1 and 2 of
// endDisconnected). END CONVERSATION deletes the conversation's messages still in the service queue,
// and WITH CLEANUP also those in sys.transmission_queue
// (learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql): a conversation with unread
// messages is left to the activation procedure.
QString guardedEndBatches(const QString &localService, const QString &farService, const QString &stateCode,
                          const QString &queue)
{
    const QString pair = pairFilter(localService, farService) + QStringLiteral("\n  AND ce.state = ") +
                         quoteLiteral(stateCode);
    const QString indent = QStringLiteral("    ");
    const QString indentedPair = indent + pairFilter(localService, farService, indent) + QLatin1Char('\n') + indent
        + QStringLiteral("  AND ce.state = ") + quoteLiteral(stateCode);
    return QStringLiteral(
               "-- 1. Review first: how many of these endpoints still have messages waiting in the queue.\n"
               "--    Those are skipped below; let the service RECEIVE them (or look at them) first.\n"
               "SELECT COUNT_BIG(DISTINCT ce.conversation_handle) AS endpoints,\n"
               "       COUNT_BIG(DISTINCT q.conversation_handle) AS endpoints_with_queued_messages,\n"
               "       COUNT_BIG(q.conversation_handle) AS queued_messages\n"
               "FROM sys.conversation_endpoints AS ce\n"
               "    LEFT JOIN ") +
           queue + QStringLiteral(" AS q ON q.conversation_handle = ce.conversation_handle\n") + pair +
           QStringLiteral(
               ";\n"
               "\n"
               "-- 2. End the conversations that have no message left in the queue, 1,000 per transaction, "
               "so\n"
               "--    the log and the locks stay small and the script can be stopped between batches.\n"
               "--    The far side has ended, so no new message arrives for them; the check is repeated\n"
               "--    for each handle inside the transaction all the same.\n"
               "SET XACT_ABORT ON; -- an error stops the script instead of looping\n"
               "DECLARE @batch TABLE (conversation_handle uniqueidentifier PRIMARY KEY);\n"
               "DECLARE @handle uniqueidentifier, @found int = 1, @ended bigint = 0;\n"
               "WHILE @found > 0\n"
               "BEGIN\n"
               "    DELETE FROM @batch;\n"
               "    INSERT INTO @batch (conversation_handle)\n"
               "    SELECT TOP (1000) ce.conversation_handle\n"
               "    FROM sys.conversation_endpoints AS ce\n") +
           indentedPair + QStringLiteral("\n      AND NOT EXISTS (SELECT 1 FROM ") + queue +
           QStringLiteral(
               " AS q\n"
               "                      WHERE q.conversation_handle = ce.conversation_handle);\n"
               "    SET @found = @@ROWCOUNT;\n"
               "    BEGIN TRANSACTION;\n"
               "    DECLARE pending CURSOR LOCAL FAST_FORWARD FOR SELECT conversation_handle FROM @batch;\n"
               "    OPEN pending;\n"
               "    FETCH NEXT FROM pending INTO @handle;\n"
               "    WHILE @@FETCH_STATUS = 0\n"
               "    BEGIN\n"
               "        IF NOT EXISTS (SELECT 1 FROM ") +
           queue +
           QStringLiteral(" AS q WHERE q.conversation_handle = @handle)\n"
                          "        BEGIN\n"
                          "            END CONVERSATION @handle;\n"
                          "            SET @ended += 1;\n"
                          "        END;\n"
                          "        FETCH NEXT FROM pending INTO @handle;\n"
                          "    END;\n"
                          "    CLOSE pending;\n"
                          "    DEALLOCATE pending;\n"
                          "    COMMIT;\n"
                          "END;\n"
                          "SELECT @ended AS conversations_ended;\n");
}

QString endsOnlyEmptyConversations(const QString &queue)
{
    return QStringLiteral("-- END CONVERSATION also deletes every message of the conversation that is still "
                          "in the queue\n"
                          "-- (learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql), so "
                          "this script ends\n"
                          "-- only conversations with nothing left in ") +
           commentText(queue) + QStringLiteral(".\n");
}

QString lastResortNote()
{
    return QStringLiteral("/* LAST RESORT - not part of this script, never in application code.\n"
                          "   Only when the far service is gone for good and the queued messages are known "
                          "to be worthless:\n"
                          "   END CONVERSATION <handle> WITH CLEANUP drops the endpoint, all its messages in "
                          "the queue and in\n"
                          "   sys.transmission_queue, and does not tell the far side. Review step 1 before "
                          "even considering it. */\n");
}

} // namespace

QString AlertFixScript::endDisconnected(const QString &localService, const QString &farService,
                                        const QString &stateCode, const QString &queueSchema,
                                        const QString &queueName)
{
    if (queueName.isEmpty())
        return inspectWithoutQueue(localService, farService, stateCode);
    const QString queue = qualified(queueSchema, queueName);
    return QStringLiteral("-- The far side has ended these dialogs; this side must END them too. The lasting "
                          "fix is in the\n"
                          "-- local service's activation procedure: END CONVERSATION when it RECEIVEs\n"
                          "-- http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog or .../Error.\n") +
           endsOnlyEmptyConversations(queue) + QStringLiteral("\n") +
           guardedEndBatches(localService, farService, stateCode, queue) + QStringLiteral("\n") +
           lastResortNote();
}

QString AlertFixScript::endDisconnectedTarget(const QString &targetService, const QString &initiatorService,
                                              const QString &queueSchema, const QString &queueName)
{
    if (queueName.isEmpty())
        return inspectWithoutQueue(targetService, initiatorService, QStringLiteral("DI"));
    const QString queue = qualified(queueSchema, queueName);
    // The initiator ended first (the target's endpoints are DI). A target END after that leaves a CLOSED
    // endpoint whose security_timestamp is never set, kept until LIFETIME (SERVICE_BROKER.md §3-§4, R-FF,
    // R-LEAK), so ending alone moves the leak: step B removes what step A leaves behind. GO ends step A's
    // batch: both steps declare @handle, and a variable can be declared once per batch.
    return QStringLiteral(
               "-- The initiator ended these dialogs first (its endpoints wait in DISCONNECTED_OUTBOUND);\n"
               "-- the target never ENDs its side. Ending it now is not enough on its own: after the\n"
               "-- initiator has ended first, the target's END leaves a CLOSED endpoint whose\n"
               "-- security_timestamp is never set (1900-01-01), kept until LIFETIME (68 years by default),\n"
               "-- the fire-and-forget leak. The lasting fix is a pattern where the initiator does not end\n"
               "-- first: target ends first, or windowed fire-and-forget (Tools > New Messaging Pattern),\n"
               "-- or at least a realistic LIFETIME on BEGIN DIALOG.\n"
               "\n"
               "-- STEP A. End the target's DISCONNECTED_INBOUND conversations. Its EndDialog reaches the\n"
               "-- initiator's DISCONNECTED_OUTBOUND endpoints, which then close and go away.\n") +
           endsOnlyEmptyConversations(queue) + QStringLiteral("\n") +
           guardedEndBatches(targetService, initiatorService, QStringLiteral("DI"), queue) +
           QStringLiteral(
               "GO\n"
               "\n"
               "-- STEP B. Then remove the CLOSED target endpoints that STEP A (and earlier ENDs) left with an\n"
               "-- unset security_timestamp. Run it after STEP A: an endpoint whose EndDialog still waits in\n"
               "-- sys.transmission_queue is skipped, so the initiator is not left waiting; run STEP B again\n"
               "-- once those messages have gone.\n") +
           cleanupLeakedClosed(targetService, initiatorService);
}

QString AlertFixScript::inspectWithoutQueue(const QString &localService, const QString &farService,
                                            const QString &stateCode)
{
    return QStringLiteral(
               "-- The local service's queue is not known (catalog not loaded), so no END script is "
               "offered:\n"
               "-- END CONVERSATION deletes the conversation's messages still in the queue. Load the "
               "catalog\n"
               "-- to get a script that ends only conversations with nothing left to read.\n"
               "SELECT TOP (100) ce.conversation_handle, ce.is_initiator, ce.state_desc, ce.lifetime\n"
               "FROM sys.conversation_endpoints AS ce\n") +
           pairFilter(localService, farService) + QStringLiteral("\n  AND ce.state = ") +
           quoteLiteral(stateCode) + QStringLiteral("\nORDER BY ce.lifetime;\n");
}

QString AlertFixScript::inspectFarSide(const QString &localService, const QString &farService)
{
    return QStringLiteral(
               "-- This side has ended; the far side has not acknowledged. Check that the far service\n"
               "-- RECEIVEs and ENDs, and that messages leave sys.transmission_queue (route, endpoint, security).\n"
               "SELECT TOP (100) ce.conversation_handle, ce.lifetime, GET_TRANSMISSION_STATUS(ce.conversation_handle) AS transmission_status\n"
               "FROM sys.conversation_endpoints AS ce\n")
        + pairFilter(localService, farService) + QStringLiteral("\n  AND ce.state = 'DO'\nORDER BY ce.lifetime;\n");
}

QString AlertFixScript::inspectConversing(const QString &localService, const QString &farService)
{
    return QStringLiteral(
               "-- Dialogs begun and never ended: reuse a few conversations, or END them when the work is done,\n"
               "-- and give BEGIN DIALOG a realistic LIFETIME.\n"
               "SELECT TOP (100) ce.conversation_handle, ce.is_initiator, ce.lifetime, ce.send_sequence, ce.receive_sequence\n"
               "FROM sys.conversation_endpoints AS ce\n")
        + pairFilter(localService, farService) + QStringLiteral("\n  AND ce.state = 'CO'\nORDER BY ce.lifetime;\n");
}

QString AlertFixScript::inspectNeverExpiring(const QString &localService, const QString &farService, const QString &stateCode)
{
    return QStringLiteral(
               "-- Without LIFETIME a dialog lives 2,147,483,647 s (about 68 years): give every BEGIN DIALOG\n"
               "-- a realistic WITH LIFETIME = <seconds>, and END both sides.\n"
               "SELECT TOP (100) ce.conversation_handle, ce.is_initiator, ce.state_desc, ce.lifetime, ce.security_timestamp\n"
               "FROM sys.conversation_endpoints AS ce\n")
        + pairFilter(localService, farService) + QStringLiteral("\n  AND ce.state = ") + quoteLiteral(stateCode)
        + QStringLiteral("\n  AND ce.lifetime > DATEADD(year, 1, GETUTCDATE())\nORDER BY ce.lifetime;\n");
}

QString AlertFixScript::inspectTransmission(const QString &status)
{
    return QStringLiteral(
               "-- The rows waiting with this status; an empty status means the message was not tried yet,\n"
               "-- or it went out and the acknowledgement never came back (check the return route).\n"
               "-- transmission_status is NULLABLE "
               "(learn.microsoft.com/sql/relational-databases/system-catalog-views/\n"
               "-- sys-transmission-queue-transact-sql): ISNULL makes an empty status also match the NULL "
               "rows.\n"
               "SELECT TOP (100) to_service_name, to_broker_instance, enqueue_time, message_type_name, "
               "transmission_status\n"
               "FROM sys.transmission_queue\n"
               "WHERE ISNULL(transmission_status, N'') = ") +
           quoteLiteral(status) + QStringLiteral("\nORDER BY enqueue_time;\n");
}

QString AlertFixScript::readErrorLog()
{
    // sp_readerrorlog: @p1 log number (0 = current), @p2 product (1 = SQL Server), @p3/@p4 filter strings
    // (learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-readerrorlog-transact-sql).
    return QStringLiteral(
        "-- An activated procedure that fails reports to the SQL Server error log, not to a caller.\n"
        "-- Its lines typically name the activated procedure and its queue; the filter below finds them.\n"
        "-- Needs VIEW SERVER STATE (SQL Server 2022 and later: VIEW ANY ERROR LOG).\n"
        "EXECUTE sys.sp_readerrorlog 0, 1, N'activated';\n"
        "-- Then run the procedure's RECEIVE and processing by hand in a transaction you roll back,\n"
        "-- or add TRY...CATCH that logs ERROR_MESSAGE() to a table of your own.\n");
}

QString AlertFixScript::inspectDroppedMessages()
{
    // Columns as documented for sys.transmission_queue and sys.routes
    // (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql,
    // .../sys-routes-transact-sql); the trace event is "Broker:Message Undeliverable"
    // (learn.microsoft.com/sql/relational-databases/event-classes/broker-message-drop-event-class).
    return QStringLiteral(
        "-- Dropped Messages Total counts messages this instance received but could not deliver to a\n"
        "-- queue. The counter gives no reason; these are the places that do. Run them here and on the\n"
        "-- instances that send to this one.\n"
        "-- 1. What waits to be sent, and why (an empty status means not tried yet).\n"
        "SELECT ISNULL(transmission_status, N'') AS transmission_status, to_service_name,\n"
        "       COUNT_BIG(*) AS messages, MIN(enqueue_time) AS oldest_enqueue_time_utc\n"
        "FROM sys.transmission_queue\n"
        "GROUP BY ISNULL(transmission_status, N''), to_service_name\n"
        "ORDER BY messages DESC;\n"
        "-- 2. The routes: a wrong or missing service name, broker instance or address sends messages\n"
        "--    where they cannot be delivered.\n"
        "SELECT name, remote_service_name, broker_instance, address, mirror_address, lifetime\n"
        "FROM sys.routes\n"
        "ORDER BY remote_service_name;\n"
        "-- 3. The SQL Server error log (needs VIEW SERVER STATE; SQL Server 2022 and later: VIEW ANY\n"
        "--    ERROR LOG). For the reason of each drop, trace the Broker:Message Undeliverable event.\n"
        "EXECUTE sys.sp_readerrorlog 0, 1, N'Service Broker';\n");
}

QString AlertFixScript::enableBroker(const QString &database)
{
    return enableBrokerNote() + enableBrokerStatement(database) + QLatin1Char('\n');
}

} // namespace bs

-- Target: the activation procedure, up to {{MessagesPerReceive}} messages per RECEIVE -----------
-- One WAITFOR (RECEIVE TOP (n) ... INTO @batch), TIMEOUT takes up to n messages into a
-- table variable; every message a RECEIVE returns belongs to one conversation group,
-- conversation by conversation in message_sequence_number order (RECEIVE:
-- https://learn.microsoft.com/sql/t-sql/statements/receive-transact-sql). The page
-- writes TOP ( n ) and does not say a variable may stand there, so n is written as
-- a constant. The messages are then handled one by one, each as the one-message
-- procedure handles it: EndOfStream, Error and EndDialog end the conversation, each
-- task has its own row in the task log.
--
-- One failing task must not cost the others. A ROLLBACK would return the whole batch
-- to the queue and count toward the five rollbacks that disable it
-- (https://learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages).
{{#if AtMostOnce}}
-- At most once: the batch's RECEIVE (and the target's END for a dialog per task)
-- commits first, then the tasks run one after another with no transaction of ours
-- open. A failing task is logged and the next one runs; nothing can roll the batch
-- back. A crash mid-batch leaves the tasks not yet finished 'running' in the log.
{{#else}}
-- In the receive transaction: every task runs inside the batch's transaction after a
-- savepoint of its own (SAVE TRANSACTION with a name used before rolls back to the
-- latest: https://learn.microsoft.com/sql/t-sql/language-elements/save-transaction-transact-sql).
-- A failing task is undone to its savepoint, logged 'failed', and the batch goes on;
-- the batch commits once. Only a failure that the savepoint cannot undo (a doomed
-- transaction, XACT_STATE() = -1; a task that rolled it back itself; a distributed
-- transaction) rolls back the whole batch: that is one rollback, the batch returns to
-- the queue and the earlier tasks' work is undone with it. The failure is then logged
-- in a transaction of its own, the redelivered message is consumed without running
-- again, and the next RECEIVEs take one message each until past it, so that a second
-- such failure in the same batch comes after a commit, not right after this rollback.
-- Tasks of one batch share its transaction: their locks are held until it commits.
{{#endif}}
CREATE OR ALTER PROCEDURE {{Schema}}.{{TargetProc}}
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @handle uniqueidentifier, @messageType nvarchar(256), @messageBody varbinary(max), @sequence bigint;
    DECLARE @task xml, @taskId bigint, @procedureSchema sysname, @procedure sysname, @claim nvarchar(4000);
    DECLARE @module nvarchar(517), @errorNumber int, @errorMessage nvarchar(4000), @errorBody xml;
    DECLARE @conversationId uniqueidentifier, @tranCount int, @undone bit;
    DECLARE @position int;
{{#if AtMostOnce}}
    -- The batch's tasks, run after its RECEIVE has committed.
    DECLARE @tasks TABLE (position int NOT NULL PRIMARY KEY, task_id bigint NOT NULL,
                          module nvarchar(517) NOT NULL, claim nvarchar(4000) NULL);
{{#else}}
    DECLARE @singles int = 0, @batchRolledBack bit, @taskCommitted bit;
{{#endif}}
    -- The columns RECEIVE puts INTO it, in this order. A table variable keeps its rows
    -- through a ROLLBACK: it is emptied before every RECEIVE.
    DECLARE @batch TABLE (
        priority tinyint NOT NULL,
        conversation_handle uniqueidentifier NOT NULL,
        message_sequence_number bigint NOT NULL,
        message_type_name nvarchar(256) NOT NULL,
        message_body varbinary(max) NULL
    );

    BEGIN TRY
        WHILE 1 = 1
        BEGIN
            DELETE FROM @batch;
{{#if AtMostOnce}}
            DELETE FROM @tasks;
{{#else}}
            SET @batchRolledBack = 0;
{{#endif}}

            BEGIN TRANSACTION;

            -- TIMEOUT: after this long with an empty queue the procedure returns and
            -- the task ends; activation starts a new one when messages arrive.
{{#if AtMostOnce}}
            WAITFOR (
                RECEIVE TOP ({{MessagesPerReceive}})
                    priority,
                    conversation_handle,
                    message_sequence_number,
                    message_type_name,
                    message_body
                FROM {{Schema}}.{{TargetQueue}}
                INTO @batch
            ), TIMEOUT {{ReceiveTimeoutMs}};
{{#else}}
            -- After a rolled-back batch, one message at a time until past it.
            IF @singles > 0
            BEGIN
                WAITFOR (
                    RECEIVE TOP (1)
                        priority,
                        conversation_handle,
                        message_sequence_number,
                        message_type_name,
                        message_body
                    FROM {{Schema}}.{{TargetQueue}}
                    INTO @batch
                ), TIMEOUT {{ReceiveTimeoutMs}};
            END
            ELSE
            BEGIN
                WAITFOR (
                    RECEIVE TOP ({{MessagesPerReceive}})
                        priority,
                        conversation_handle,
                        message_sequence_number,
                        message_type_name,
                        message_body
                    FROM {{Schema}}.{{TargetQueue}}
                    INTO @batch
                ), TIMEOUT {{ReceiveTimeoutMs}};
            END;
{{#endif}}

            IF NOT EXISTS (SELECT 1 FROM @batch)
            BEGIN
                ROLLBACK TRANSACTION;
                BREAK;
            END;
{{#if AtMostOnce}}
{{#else}}
            IF @singles > 0
                SET @singles -= 1;
{{#endif}}
            SET @position = 0;

            -- Each message of the batch, in the order RECEIVE returned them.
            WHILE 1 = 1
            BEGIN
                SELECT @handle = NULL, @messageType = NULL, @messageBody = NULL, @sequence = NULL, @task = NULL,
                       @taskId = NULL, @procedureSchema = NULL, @procedure = NULL, @claim = NULL;
                SELECT TOP (1) @handle = conversation_handle, @sequence = message_sequence_number,
                               @messageType = message_type_name, @messageBody = message_body
                FROM @batch
                ORDER BY priority DESC, conversation_handle, message_sequence_number;
                IF @handle IS NULL
                    BREAK;
                DELETE FROM @batch WHERE conversation_handle = @handle AND message_sequence_number = @sequence;
                SET @position += 1;

                IF @messageType = {{TaskType:literal}}
                BEGIN
                    -- Parsed here, not in the RECEIVE column list: a failing CAST there
                    -- would leave the queue monitor stuck in NOTIFIED.
                    BEGIN TRY
                        SET @task = CAST(@messageBody AS xml);
                        SELECT @taskId = @task.value('(/task/@id)[1]', 'bigint'),
                               @procedureSchema = @task.value('(/task/@schema)[1]', 'nvarchar(128)'),
                               @procedure = @task.value('(/task/@procedure)[1]', 'nvarchar(128)'),
                               @claim = @task.value('(/task/claim/text())[1]', 'nvarchar(4000)');
                    END TRY
                    BEGIN CATCH
                        SELECT @taskId = NULL, @procedure = NULL;
                    END CATCH;

                    IF @taskId IS NULL OR @procedure IS NULL
                       OR NOT EXISTS (SELECT 1 FROM {{Schema}}.{{AllowList}}
                                      WHERE procedure_schema = @procedureSchema AND procedure_name = @procedure)
                    BEGIN
                        -- A message is data, never code: what is not allow-listed is logged, not run.
                        SET @errorMessage = N'The message is not a task of this installation, or its procedure is not in the allow-list; it was not run.';
                        UPDATE {{Schema}}.{{TaskLog}}
                        SET outcome = 'failed', finished_at = SYSUTCDATETIME(), error_message = @errorMessage
                        WHERE task_id = @taskId;
                        IF @@ROWCOUNT = 0
                            INSERT INTO {{Schema}}.{{TaskLog}} (conversation_handle, procedure_schema, procedure_name, finished_at, outcome, error_message)
                            VALUES (@handle, @procedureSchema, @procedure, SYSUTCDATETIME(), 'failed', @errorMessage);
{{#if DialogPerTask}}
                        END CONVERSATION @handle;
                        -- Ending a conversation removes its messages from the queue; those
                        -- this RECEIVE already took (its EndDialog) go with them.
                        DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                        CONTINUE;
                    END;

                    -- Runs the allow-listed procedure by its quoted name, the claim as its parameter.
                    SET @module = QUOTENAME(@procedureSchema) + N'.' + QUOTENAME(@procedure);
{{#if AtMostOnce}}

                    -- At most once: marked 'running' now, run after the batch commits.
                    UPDATE {{Schema}}.{{TaskLog}}
                    SET outcome = 'running', started_at = SYSUTCDATETIME()
                    WHERE task_id = @taskId;
{{#if DialogPerTask}}
                    END CONVERSATION @handle;
                    DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                    INSERT INTO @tasks (position, task_id, module, claim)
                    VALUES (@position, @taskId, @module, @claim);
{{#else}}

                    -- Failed in an earlier delivery of this batch, which had to be rolled
                    -- back whole: the failure is logged; the message is consumed, not run again.
                    IF EXISTS (SELECT 1 FROM {{Schema}}.{{TaskLog}} WHERE task_id = @taskId AND outcome = 'failed')
                    BEGIN
{{#if DialogPerTask}}
                        END CONVERSATION @handle;
                        DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                        CONTINUE;
                    END;

{{#if IsKeepFiring}}
                    -- In the receive transaction, which keeps the conversation group locked
                    -- (strict order per conversation); a crash redelivers the batch.
{{#else}}
                    -- In the receive transaction; a crash redelivers the batch.
{{#endif}}
                    UPDATE {{Schema}}.{{TaskLog}}
                    SET outcome = 'running', started_at = SYSUTCDATETIME()
                    WHERE task_id = @taskId;

                    SET @tranCount = @@TRANCOUNT;
                    SAVE TRANSACTION BrokerStudioTask;

                    BEGIN TRY
                        EXEC @module @claim;
                        -- A task that begins a transaction and does not commit it (or ends
                        -- this one) is a failure, although it raised no error here.
                        IF @@TRANCOUNT <> @tranCount
                        BEGIN
                            THROW 50010, N'The task left a transaction open (BEGIN TRANSACTION without COMMIT) or ended the transaction it was called in; it counts as failed.', 1;
                        END;
                        UPDATE {{Schema}}.{{TaskLog}}
                        SET outcome = 'succeeded', finished_at = SYSUTCDATETIME()
                        WHERE task_id = @taskId;
{{#if DialogPerTask}}
                        END CONVERSATION @handle;
                        DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                    END TRY
                    BEGIN CATCH
                        SELECT @errorNumber = ERROR_NUMBER(), @errorMessage = ERROR_MESSAGE(), @undone = 0;
                        IF @@TRANCOUNT > @tranCount AND @errorNumber <> 50010
                            SET @errorMessage = CONCAT(N'The task left a transaction open; its work was rolled back. ', @errorMessage);
                        IF XACT_STATE() = 1
                        BEGIN
                            BEGIN TRY
                                -- Committable: undo this task's work back to its savepoint and
                                -- keep the batch. A transaction the task left open is closed
                                -- first: COMMIT with @@TRANCOUNT > 1 only decrements the count.
                                WHILE @@TRANCOUNT > @tranCount
                                    COMMIT TRANSACTION;
                                ROLLBACK TRANSACTION BrokerStudioTask;
                                SET @undone = 1;
                            END TRY
                            BEGIN CATCH
                                -- No savepoint to return to (a distributed transaction):
                                -- the full rollback below.
                                SET @undone = 0;
                            END CATCH;
                        END;
                        IF @undone = 1
                        BEGIN
                            -- Undone; logged in the batch's transaction, which goes on with
                            -- the next message: this one is consumed.
                            UPDATE {{Schema}}.{{TaskLog}}
                            SET outcome = 'failed', finished_at = SYSUTCDATETIME(),
                                error_number = @errorNumber, error_message = @errorMessage
                            WHERE task_id = @taskId;
{{#if DialogPerTask}}
                            END CONVERSATION @handle;
                            DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                        END
                        ELSE
                        BEGIN
                            -- Doomed (XACT_STATE() = -1), no savepoint, or the task ended
                            -- the transaction. The 'running' mark above was written in the
                            -- batch's transaction: if it is still there with no transaction
                            -- open, the task committed that transaction, RECEIVE included,
                            -- and the rest of the batch exists only in @batch now.
                            SET @taskCommitted = 0;
                            IF XACT_STATE() <> 0
                                ROLLBACK TRANSACTION;
                            ELSE IF EXISTS (SELECT 1 FROM {{Schema}}.{{TaskLog}} WHERE task_id = @taskId AND outcome = 'running')
                                SET @taskCommitted = 1;
                            -- Logged in a transaction of its own, so that the redelivered
                            -- message is consumed without running again (above).
                            UPDATE {{Schema}}.{{TaskLog}}
                            SET outcome = 'failed', finished_at = SYSUTCDATETIME(),
                                error_number = @errorNumber, error_message = @errorMessage
                            WHERE task_id = @taskId;
                            IF @taskCommitted = 1
                            BEGIN
                                -- Go on with the rest of the batch in a new transaction.
                                BEGIN TRANSACTION;
{{#if DialogPerTask}}
                                END CONVERSATION @handle;
                                DELETE FROM @batch WHERE conversation_handle = @handle;
{{#endif}}
                            END
                            ELSE
                                -- The whole batch is back in the queue: receive again, one
                                -- message at a time until past this one.
                                SELECT @batchRolledBack = 1, @singles = @position;
                        END;
                    END CATCH;
                    IF @batchRolledBack = 1
                        BREAK;
{{#endif}}
                END
{{#if IsKeepFiring}}
                ELSE IF @messageType = {{EndOfStreamType:literal}}
                BEGIN
                    -- Recycling: the sender is done with this conversation. The target ends
                    -- first; the initiator's activation procedure ends its side on EndDialog.
                    END CONVERSATION @handle;
                    DELETE FROM @batch WHERE conversation_handle = @handle;
                END
{{#endif}}
                ELSE IF @messageType = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'
                BEGIN
{{#if IsNaive}}
                    -- With the default lifetime of 68 years this hardly ever happens; the
                    -- errors that matter (permission, unknown contract, ...) go to the
                    -- initiator, which has already ended its side and drops them.
{{#endif}}
{{#if IsWindowed}}
                    -- -8489 is the closed window: the dialog expired before the task was
                    -- received. Any other code is a broker error. Both are logged, then ended.
{{#endif}}
{{#if IsTargetEndsFirst}}
                    -- A broker error on this dialog (-8489 if it outlived its lifetime):
                    -- logged against its task, then ended.
{{#endif}}
{{#if IsKeepFiring}}
                    -- The conversation failed: tasks sent on it and not yet received are
                    -- logged as broker errors, then the conversation is ended.
{{#endif}}
                    SET @errorBody = CAST(@messageBody AS xml);
                    SELECT @errorNumber = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Code)[1]', 'int'),
                           @errorMessage = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Description)[1]', 'nvarchar(3000)');
                    SELECT @conversationId = conversation_id
                    FROM sys.conversation_endpoints
                    WHERE conversation_handle = @handle;
                    UPDATE {{Schema}}.{{TaskLog}}
{{#if IsKeepFiring}}
                    SET outcome = 'broker_error',
{{#else}}
                    SET outcome = CASE WHEN @errorNumber = -8489 THEN 'expired' ELSE 'broker_error' END,
{{#endif}}
                        finished_at = SYSUTCDATETIME(), error_number = @errorNumber, error_message = @errorMessage
                    WHERE conversation_id = @conversationId AND outcome = 'queued';
                    IF @@ROWCOUNT = 0
                        INSERT INTO {{Schema}}.{{TaskLog}} (conversation_handle, conversation_id, finished_at, outcome, error_number, error_message)
                        VALUES (@handle, @conversationId, SYSUTCDATETIME(), 'broker_error', @errorNumber, @errorMessage);
                    END CONVERSATION @handle;
                    DELETE FROM @batch WHERE conversation_handle = @handle;
                END
                ELSE
                BEGIN
                    -- EndDialog, or a type this pattern never sends: end the target side.
                    END CONVERSATION @handle;
                    DELETE FROM @batch WHERE conversation_handle = @handle;
                END;
            END;
{{#if AtMostOnce}}

            COMMIT TRANSACTION;

            -- The batch's tasks, one after another, each in no transaction of ours: a
            -- failure is logged and the next task runs.
            WHILE 1 = 1
            BEGIN
                SET @taskId = NULL;
                SELECT TOP (1) @position = position, @taskId = task_id, @module = module, @claim = claim
                FROM @tasks
                ORDER BY position;
                IF @taskId IS NULL
                    BREAK;
                DELETE FROM @tasks WHERE position = @position;
                -- When this task starts, not when the batch was received.
                UPDATE {{Schema}}.{{TaskLog}}
                SET started_at = SYSUTCDATETIME()
                WHERE task_id = @taskId;

                SET @tranCount = @@TRANCOUNT;
                BEGIN TRY
                    EXEC @module @claim;
                    -- A task that begins a transaction and does not commit it is a
                    -- failure: its work must not be committed by whatever commits next.
                    IF @@TRANCOUNT <> @tranCount
                    BEGIN
                        THROW 50010, N'The task left a transaction open (BEGIN TRANSACTION without COMMIT); its work was rolled back.', 1;
                    END;
                    UPDATE {{Schema}}.{{TaskLog}}
                    SET outcome = 'succeeded', finished_at = SYSUTCDATETIME()
                    WHERE task_id = @taskId;
                END TRY
                BEGIN CATCH
                    SELECT @errorNumber = ERROR_NUMBER(), @errorMessage = ERROR_MESSAGE();
                    IF @@TRANCOUNT > @tranCount AND @errorNumber <> 50010
                        SET @errorMessage = CONCAT(N'The task left a transaction open; its work was rolled back. ', @errorMessage);
                    -- The task may leave its own transaction open or doomed.
                    IF XACT_STATE() <> 0
                        ROLLBACK TRANSACTION;
                    UPDATE {{Schema}}.{{TaskLog}}
                    SET outcome = 'failed', finished_at = SYSUTCDATETIME(),
                        error_number = @errorNumber, error_message = @errorMessage
                    WHERE task_id = @taskId;
                END CATCH;
            END;
{{#else}}

            IF @batchRolledBack = 0
                COMMIT TRANSACTION;
{{#endif}}
        END;
    END TRY
    BEGIN CATCH
        -- Unexpected: undo, and let the error reach the error log through activation.
        IF XACT_STATE() <> 0
            ROLLBACK TRANSACTION;
        THROW;
    END CATCH;
END;
GO

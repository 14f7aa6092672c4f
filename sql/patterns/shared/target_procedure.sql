{{#if ReceiveBatch}}
{{> shared/target_procedure_batch}}
{{#else}}
-- Target: the activation procedure -------------------------------------------
CREATE OR ALTER PROCEDURE {{Schema}}.{{TargetProc}}
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @handle uniqueidentifier, @messageType sysname, @messageBody varbinary(max), @sequence bigint;
    DECLARE @task xml, @taskId bigint, @procedureSchema sysname, @procedure sysname, @claim nvarchar(4000);
    DECLARE @module nvarchar(517), @errorNumber int, @errorMessage nvarchar(4000), @errorBody xml;
    DECLARE @conversationId uniqueidentifier, @redelivered bigint, @tranCount int, @undone bit;

    BEGIN TRY
        WHILE 1 = 1
        BEGIN
            SELECT @handle = NULL, @messageType = NULL, @messageBody = NULL, @task = NULL, @taskId = NULL,
                   @procedureSchema = NULL, @procedure = NULL, @claim = NULL, @redelivered = NULL;

            BEGIN TRANSACTION;

            -- TIMEOUT: after this long with an empty queue the procedure returns and
            -- the task ends; activation starts a new one when messages arrive.
            WAITFOR (
                RECEIVE TOP (1)
                    @handle = conversation_handle,
                    @messageType = message_type_name,
                    @messageBody = message_body,
                    @sequence = message_sequence_number
                FROM {{Schema}}.{{TargetQueue}}
            ), TIMEOUT {{ReceiveTimeoutMs}};

            IF @handle IS NULL
            BEGIN
                ROLLBACK TRANSACTION;
                BREAK;
            END;

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
{{#endif}}
                    COMMIT TRANSACTION;
                    CONTINUE;
                END;

                -- Runs the allow-listed procedure by its quoted name, the claim as its parameter.
                SET @module = QUOTENAME(@procedureSchema) + N'.' + QUOTENAME(@procedure);
{{#if AtMostOnce}}

{{#if IsTargetEndsFirst}}
                -- At most once: the RECEIVE (and the target's END) commits before the
                -- task runs. A failing task
{{#else}}
                -- At most once: the RECEIVE commits before the task runs. A failing task
{{#endif}}
                -- cannot roll its message back into the queue, so it can never poison it;
                -- a crash mid-task leaves the row 'running' with no finish time.
                UPDATE {{Schema}}.{{TaskLog}}
                SET outcome = 'running', started_at = SYSUTCDATETIME()
                WHERE task_id = @taskId;
{{#if DialogPerTask}}
                END CONVERSATION @handle;
{{#endif}}
                COMMIT TRANSACTION;

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
{{#else}}

                -- In the receive transaction: the task runs inside the RECEIVE's
{{#if IsKeepFiring}}
                -- transaction, which keeps the conversation group locked (strict order
                -- per conversation); a crash redelivers the message.
{{#else}}
                -- transaction; a crash redelivers the message.
{{#endif}}
                UPDATE {{Schema}}.{{TaskLog}}
                SET outcome = 'running', started_at = SYSUTCDATETIME()
                WHERE task_id = @taskId;

                -- The savepoint undoes a failed task's work while the RECEIVE stays in
                -- the transaction. SAVE TRANSACTION is not supported in a distributed
                -- transaction: a task that promotes this one (a linked server under DTC)
                -- cannot be undone to it, and takes the full rollback below instead.
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
{{#endif}}
                    COMMIT TRANSACTION;
                END TRY
                BEGIN CATCH
                    SELECT @errorNumber = ERROR_NUMBER(), @errorMessage = ERROR_MESSAGE(), @undone = 0;
                    IF @@TRANCOUNT > @tranCount AND @errorNumber <> 50010
                        SET @errorMessage = CONCAT(N'The task left a transaction open; its work was rolled back. ', @errorMessage);
                    IF XACT_STATE() = 1
                    BEGIN
                        BEGIN TRY
                            -- Committable: undo the task's work back to the savepoint and
                            -- keep the RECEIVE. A transaction the task left open is closed
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
                        -- The task's work is undone; log the failure and commit: the
                        -- message is consumed.
                        UPDATE {{Schema}}.{{TaskLog}}
                        SET outcome = 'failed', finished_at = SYSUTCDATETIME(),
                            error_number = @errorNumber, error_message = @errorMessage
                        WHERE task_id = @taskId;
{{#if DialogPerTask}}
                        END CONVERSATION @handle;
{{#endif}}
                        COMMIT TRANSACTION;
                    END
                    ELSE
                    BEGIN
                        -- Doomed (XACT_STATE() = -1), rolled back by the task itself, or
                        -- no savepoint: roll back fully, which undoes the RECEIVE too.
                        -- Receive the same message again in a new transaction, log the
                        -- failure and commit, so that task failures never add up to the
                        -- five rollbacks that disable the queue.
                        IF XACT_STATE() <> 0
                            ROLLBACK TRANSACTION;
                        BEGIN TRANSACTION;
                        RECEIVE TOP (1) @redelivered = message_sequence_number
                        FROM {{Schema}}.{{TargetQueue}}
                        WHERE conversation_handle = @handle;
                        IF @redelivered = @sequence
                        BEGIN
                            UPDATE {{Schema}}.{{TaskLog}}
                            SET outcome = 'failed', finished_at = SYSUTCDATETIME(),
                                error_number = @errorNumber, error_message = @errorMessage
                            WHERE task_id = @taskId;
{{#if DialogPerTask}}
                            END CONVERSATION @handle;
{{#endif}}
                            COMMIT TRANSACTION;
                        END
                        ELSE
                            -- Another reader took the message meanwhile (it runs the task
                            -- again), or this is a later one: leave it in the queue.
                            ROLLBACK TRANSACTION;
                    END;
                END CATCH;
{{#endif}}
            END
{{#if IsKeepFiring}}
            ELSE IF @messageType = {{EndOfStreamType:literal}}
            BEGIN
                -- Recycling: the sender is done with this conversation. The target ends
                -- first; the initiator's activation procedure ends its side on EndDialog.
                END CONVERSATION @handle;
                COMMIT TRANSACTION;
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
                COMMIT TRANSACTION;
            END
            ELSE
            BEGIN
                -- EndDialog, or a type this pattern never sends: end the target side.
                END CONVERSATION @handle;
                COMMIT TRANSACTION;
            END;
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
{{#endif}}

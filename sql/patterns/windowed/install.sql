-- Windowed fire-and-forget: install. Re-runnable: objects that exist are kept
-- (queues and message types are altered to the options above, procedures are
-- replaced with CREATE OR ALTER).
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND is_broker_enabled = 1)
    PRINT N'Warning: Service Broker is not enabled in this database. Messages will wait in sys.transmission_queue until ALTER DATABASE ... SET ENABLE_BROKER runs.';
GO
-- A contract cannot be altered, and it is created only when missing: an install
-- over an earlier one with other options (another pattern on the same service
-- root) would keep a contract with other message types. Stop before changing
-- anything: Broker Studio's runner (like sqlcmd -b) stops at this error; in
-- other tools, do not run the rest of the script. sys.service_contract_message_usages
-- has one row per (contract, message type) pair.
IF EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = {{Contract:literal}})
BEGIN
    DECLARE @usages int, @expectedUsages int;
    SELECT @usages = COUNT(*),
           @expectedUsages = SUM(CASE WHEN mt.name IN ({{TaskType:literal}})
                                       AND u.is_sent_by_initiator = 1 AND u.is_sent_by_target = 0
                                      THEN 1 ELSE 0 END)
    FROM sys.service_contracts AS c
    JOIN sys.service_contract_message_usages AS u ON u.service_contract_id = c.service_contract_id
    JOIN sys.service_message_types AS mt ON mt.message_type_id = u.message_type_id
    WHERE c.name = {{Contract:literal}};
    IF @usages <> 1 OR @expectedUsages <> 1
    BEGIN
        DECLARE @contractDiffers nvarchar(2048) = CONCAT(N'The contract ', {{Contract:literal}},
            N' already exists with other message types than this install needs (only the task type, sent by the initiator). ',
            N'It was created by an earlier install with other options. Run that installation''s uninstall script first, then run this install again.');
        THROW 50003, @contractDiffers, 1;
    END;
END;
GO
IF SCHEMA_ID({{Schema:literal}}) IS NULL
BEGIN
    -- CREATE SCHEMA must run in a batch of its own, hence sp_executesql.
    DECLARE @createSchema nvarchar(300) = N'CREATE SCHEMA ' + QUOTENAME({{Schema:literal}}) + N';';
    EXEC sys.sp_executesql @createSchema;
END;
GO

-- Message type and contract -------------------------------------------------
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = {{TaskType:literal}})
{{#if ValidateXml}}
    CREATE MESSAGE TYPE {{TaskType}} VALIDATION = WELL_FORMED_XML;
ELSE
    ALTER MESSAGE TYPE {{TaskType}} VALIDATION = WELL_FORMED_XML;
{{#else}}
    CREATE MESSAGE TYPE {{TaskType}} VALIDATION = NONE;
ELSE
    ALTER MESSAGE TYPE {{TaskType}} VALIDATION = NONE;
{{#endif}}
GO
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = {{Contract:literal}})
    CREATE CONTRACT {{Contract}} ({{TaskType}} SENT BY INITIATOR);
GO

-- Tables: the allow-list and the task log ------------------------------------
IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{AllowList:literal}})
    -- The allow-list: the target runs nothing that is not in it (a message is data, never code).
    CREATE TABLE {{Schema}}.{{AllowList}} (
        procedure_schema sysname NOT NULL,
        procedure_name sysname NOT NULL,
        note nvarchar(400) NULL,
        added_at datetime2(3) NOT NULL DEFAULT SYSUTCDATETIME(),
        PRIMARY KEY (procedure_schema, procedure_name)
    );
GO
IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{TaskLog:literal}})
BEGIN
    -- One row per task; a failure is never silent, it is a row here. Times are UTC.
    CREATE TABLE {{Schema}}.{{TaskLog}} (
        task_id bigint IDENTITY(1, 1) NOT NULL PRIMARY KEY,
        conversation_handle uniqueidentifier NULL,
        conversation_id uniqueidentifier NULL,
        procedure_schema sysname NULL,
        procedure_name sysname NULL,
        claim nvarchar(4000) NULL,
        enqueued_at datetime2(3) NOT NULL DEFAULT SYSUTCDATETIME(),
        expires_at datetime2(3) NULL,
        started_at datetime2(3) NULL,
        finished_at datetime2(3) NULL,
        outcome varchar(20) NOT NULL
            CHECK (outcome IN ('queued', 'running', 'succeeded', 'failed', 'expired', 'broker_error')),
        error_number int NULL,
        error_message nvarchar(4000) NULL
    );
    CREATE INDEX IX_outcome ON {{Schema}}.{{TaskLog}} (outcome, expires_at);
    CREATE INDEX IX_conversation ON {{Schema}}.{{TaskLog}} (conversation_id);
    CREATE INDEX IX_enqueued ON {{Schema}}.{{TaskLog}} (enqueued_at);
END;
GO

-- Queues and services --------------------------------------------------------
-- The initiator queue receives nothing in this pattern (the initiator has ended
-- its side before anything could come back), but every service needs a queue.
IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{InitiatorQueue:literal}})
    CREATE QUEUE {{Schema}}.{{InitiatorQueue}}
        WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);
GO
-- Activation is attached at the end of this script, once its procedure exists.
IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{TargetQueue:literal}})
    CREATE QUEUE {{Schema}}.{{TargetQueue}}
        WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);
GO
-- No contract: this service only initiates.
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = {{InitiatorService:literal}})
    CREATE SERVICE {{InitiatorService}} ON QUEUE {{Schema}}.{{InitiatorQueue}};
GO
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = {{TargetService:literal}})
    CREATE SERVICE {{TargetService}} ON QUEUE {{Schema}}.{{TargetQueue}} ({{Contract}});
GO

-- Cleanup: marks tasks whose window closed as expired, trims the log ---------
CREATE OR ALTER PROCEDURE {{Schema}}.{{CleanupProc}}
AS
BEGIN
    SET NOCOUNT ON;
    -- A task still queued after its window can never arrive: its dialog has
    -- expired and taken the message with it. Mark it so that the loss shows.
    UPDATE {{Schema}}.{{TaskLog}}
    SET outcome = 'expired',
        finished_at = SYSUTCDATETIME(),
        error_message = N'The window closed before the target received the task.'
    WHERE outcome = 'queued'
      AND expires_at < SYSUTCDATETIME();
{{#if HasRetention}}

    -- Log retention, in slices so that no call holds many locks.
    DELETE TOP (1000) FROM {{Schema}}.{{TaskLog}}
    WHERE enqueued_at < DATEADD(day, -{{LogRetentionDays}}, SYSUTCDATETIME())
      AND outcome NOT IN ('queued', 'running');
{{#endif}}
END;
GO

-- Enqueue: the only way in ---------------------------------------------------
-- EXECUTE AS OWNER: Service Broker statements do not take part in ownership
-- chaining, so callers need only EXECUTE on this procedure.
CREATE OR ALTER PROCEDURE {{Schema}}.{{EnqueueProc}}
    @procedure sysname,
    @claim nvarchar(4000) = NULL,
    @procedureSchema sysname = N'dbo',
    @taskId bigint = NULL OUTPUT
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM {{Schema}}.{{AllowList}}
                   WHERE procedure_schema = @procedureSchema AND procedure_name = @procedure)
    BEGIN
        DECLARE @notAllowed nvarchar(2048) = CONCAT(N'Procedure ', QUOTENAME(@procedureSchema), N'.',
            QUOTENAME(@procedure), N' is not in the allow-list ', QUOTENAME({{Schema:literal}}), N'.',
            QUOTENAME({{AllowList:literal}}), N'; add it there before enqueueing it.');
        THROW 50001, @notAllowed, 1;
    END;

    -- Runs the expiry marking first, so a lost task shows by the next enqueue.
    EXEC {{Schema}}.{{CleanupProc}};

    DECLARE @handle uniqueidentifier, @conversationId uniqueidentifier, @body xml;

    BEGIN TRANSACTION;

    INSERT INTO {{Schema}}.{{TaskLog}} (procedure_schema, procedure_name, claim, enqueued_at, expires_at, outcome)
    VALUES (@procedureSchema, @procedure, @claim, SYSUTCDATETIME(),
            DATEADD(second, {{WindowSeconds}}, SYSUTCDATETIME()), 'queued');
    SET @taskId = SCOPE_IDENTITY();

    -- FOR XML builds the body: the values are escaped by the XML serializer,
    -- never pasted into a string.
    SET @body = (SELECT @taskId AS [@id],
                        @procedureSchema AS [@schema],
                        @procedure AS [@procedure],
                        @claim AS [claim]
                 FOR XML PATH('task'), TYPE);

    -- The window: LIFETIME bounds how long this dialog, and the closed target
    -- endpoint it leaves behind, can live.
    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE {{InitiatorService}}
        TO SERVICE {{TargetService:literal}}, 'CURRENT DATABASE'
        ON CONTRACT {{Contract}}
        WITH LIFETIME = {{WindowSeconds}}, ENCRYPTION = OFF;

    SELECT @conversationId = conversation_id
    FROM sys.conversation_endpoints
    WHERE conversation_handle = @handle;

    SEND ON CONVERSATION @handle MESSAGE TYPE {{TaskType}} (@body);

    -- Fire and forget: the sender never waits.
    END CONVERSATION @handle;

    UPDATE {{Schema}}.{{TaskLog}}
    SET conversation_handle = @handle, conversation_id = @conversationId
    WHERE task_id = @taskId;

    COMMIT TRANSACTION;
END;
GO

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
                    END CONVERSATION @handle;
                    COMMIT TRANSACTION;
                    CONTINUE;
                END;

                -- Runs the allow-listed procedure by its quoted name, the claim as its parameter.
                SET @module = QUOTENAME(@procedureSchema) + N'.' + QUOTENAME(@procedure);
{{#if AtMostOnce}}

                -- At most once: the RECEIVE commits before the task runs. A failing task
                -- cannot roll its message back into the queue, so it can never poison it;
                -- a crash mid-task leaves the row 'running' with no finish time.
                UPDATE {{Schema}}.{{TaskLog}}
                SET outcome = 'running', started_at = SYSUTCDATETIME()
                WHERE task_id = @taskId;
                END CONVERSATION @handle;
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
                -- transaction; a crash redelivers the message.
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
                    END CONVERSATION @handle;
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
                        END CONVERSATION @handle;
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
                            END CONVERSATION @handle;
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
            ELSE IF @messageType = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'
            BEGIN
                -- -8489 is the closed window: the dialog expired before the task was
                -- received. Any other code is a broker error. Both are logged, then ended.
                SET @errorBody = CAST(@messageBody AS xml);
                SELECT @errorNumber = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Code)[1]', 'int'),
                       @errorMessage = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Description)[1]', 'nvarchar(3000)');
                SELECT @conversationId = conversation_id
                FROM sys.conversation_endpoints
                WHERE conversation_handle = @handle;
                UPDATE {{Schema}}.{{TaskLog}}
                SET outcome = CASE WHEN @errorNumber = -8489 THEN 'expired' ELSE 'broker_error' END,
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

-- Activation last: the procedure exists now. Re-running applies new settings.
ALTER QUEUE {{Schema}}.{{TargetQueue}}
    WITH ACTIVATION (
        STATUS = ON,
        PROCEDURE_NAME = {{Schema}}.{{TargetProc}},
        MAX_QUEUE_READERS = {{MaxQueueReaders}},
        EXECUTE AS OWNER
    ),
    POISON_MESSAGE_HANDLING (STATUS = ON);
GO
PRINT N'Installed. Allow-list procedures in ' + QUOTENAME({{Schema:literal}}) + N'.' + QUOTENAME({{AllowList:literal}}) + N', then call ' + QUOTENAME({{Schema:literal}}) + N'.' + QUOTENAME({{EnqueueProc:literal}}) + N'.';
GO

-- (queues and message types are altered to the options above, procedures are
-- replaced with CREATE OR ALTER).
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND is_broker_enabled = 1)
    PRINT N'Warning: Service Broker is not enabled in this database. Messages will wait in sys.transmission_queue until this runs: ' + {{EnableBrokerStatement}};
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
{{#if IsKeepFiring}}
           @expectedUsages = SUM(CASE WHEN mt.name IN ({{TaskType:literal}}, {{EndOfStreamType:literal}})
{{#else}}
           @expectedUsages = SUM(CASE WHEN mt.name IN ({{TaskType:literal}})
{{#endif}}
                                       AND u.is_sent_by_initiator = 1 AND u.is_sent_by_target = 0
                                      THEN 1 ELSE 0 END)
    FROM sys.service_contracts AS c
    JOIN sys.service_contract_message_usages AS u ON u.service_contract_id = c.service_contract_id
    JOIN sys.service_message_types AS mt ON mt.message_type_id = u.message_type_id
    WHERE c.name = {{Contract:literal}};
{{#if IsKeepFiring}}
    IF @usages <> 2 OR @expectedUsages <> 2
{{#else}}
    IF @usages <> 1 OR @expectedUsages <> 1
{{#endif}}
    BEGIN
        DECLARE @contractDiffers nvarchar(2048) = CONCAT(N'The contract ', {{Contract:literal}},
{{#if IsKeepFiring}}
            N' already exists with other message types than this install needs (the task type and EndOfStream, sent by the initiator). ',
{{#else}}
            N' already exists with other message types than this install needs (only the task type, sent by the initiator). ',
{{#endif}}
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

{{#if IsKeepFiring}}
-- Message types and contract ------------------------------------------------
{{#else}}
-- Message type and contract -------------------------------------------------
{{#endif}}
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
{{#if IsKeepFiring}}
-- EndOfStream: the sender's "this conversation is done" (recycling). No body.
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = {{EndOfStreamType:literal}})
    CREATE MESSAGE TYPE {{EndOfStreamType}} VALIDATION = EMPTY;
GO
{{#endif}}
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = {{Contract:literal}})
{{#if IsKeepFiring}}
    CREATE CONTRACT {{Contract}} (
        {{TaskType}} SENT BY INITIATOR,
        {{EndOfStreamType}} SENT BY INITIATOR
    );
{{#else}}
    CREATE CONTRACT {{Contract}} ({{TaskType}} SENT BY INITIATOR);
{{#endif}}
GO

{{#if IsKeepFiring}}
-- Tables: the allow-list, the task log, cleanup state, the conversation pool --
{{#else}}
-- Tables: the allow-list, the task log and cleanup state ---------------------
{{#endif}}
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
{{#if IsWindowed}}
        expires_at datetime2(3) NULL,
{{#else}}
        expires_at datetime2(3) NULL, -- not used by this pattern; the same log shape for all
{{#endif}}
        started_at datetime2(3) NULL,
        finished_at datetime2(3) NULL,
        outcome varchar(20) NOT NULL
            CHECK (outcome IN ('queued', 'running', 'succeeded', 'failed', 'expired', 'broker_error')),
        error_number int NULL,
        error_message nvarchar(4000) NULL
    );
    CREATE INDEX IX_outcome ON {{Schema}}.{{TaskLog}} (outcome, expires_at);
    CREATE INDEX IX_conversation ON {{Schema}}.{{TaskLog}} (conversation_id);
{{#if IsKeepFiring}}
    CREATE INDEX IX_handle ON {{Schema}}.{{TaskLog}} (conversation_handle);
{{#endif}}
    CREATE INDEX IX_enqueued ON {{Schema}}.{{TaskLog}} (enqueued_at);
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{CleanupState:literal}})
BEGIN
    -- One row: when _Cleanup last ran, so that _Enqueue runs it at most once per interval.
    CREATE TABLE {{Schema}}.{{CleanupState}} (
        id tinyint NOT NULL PRIMARY KEY CHECK (id = 1),
        last_run_at datetime2(3) NULL
    );
END;
GO
IF NOT EXISTS (SELECT 1 FROM {{Schema}}.{{CleanupState}})
    INSERT INTO {{Schema}}.{{CleanupState}} (id, last_run_at) VALUES (1, NULL);
GO

{{#if IsKeepFiring}}
IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{ConversationPool:literal}})
    -- One row per long-lived conversation. One reader can work on a conversation at
    -- a time, so the pool size is the parallelism.
    CREATE TABLE {{Schema}}.{{ConversationPool}} (
        slot int NOT NULL PRIMARY KEY,
        conversation_handle uniqueidentifier NULL,
        opened_at datetime2(3) NULL,
        sent bigint NOT NULL DEFAULT 0
    );
GO

{{#endif}}
-- The callers' role ----------------------------------------------------------
-- Members may EXECUTE _Enqueue and nothing else (the grants follow at the end of
-- this script, once the procedures exist). CREATE ROLE:
-- https://learn.microsoft.com/sql/t-sql/statements/create-role-transact-sql
-- A user of that name is not the role: CREATE ROLE then fails and the install
-- stops, rather than granting anything to it.
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = {{CallerRole:literal}} AND type = 'R')
    CREATE ROLE {{CallerRole}} AUTHORIZATION [dbo];
GO

-- Queues and services --------------------------------------------------------
{{#if HasInitiatorProc}}
-- Activation is attached at the end of this script, once the procedures exist.
{{#else}}
-- The initiator queue receives nothing in this pattern (the initiator has ended
-- its side before anything could come back), but every service needs a queue.
{{#endif}}
IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{InitiatorQueue:literal}})
    CREATE QUEUE {{Schema}}.{{InitiatorQueue}}
        WITH STATUS = ON, RETENTION = OFF, POISON_MESSAGE_HANDLING (STATUS = ON);
GO
{{#if HasInitiatorProc}}
{{#else}}
-- Activation is attached at the end of this script, once its procedure exists.
{{#endif}}
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

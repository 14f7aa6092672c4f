-- Enqueue: the only way in ---------------------------------------------------
-- EXECUTE AS OWNER: Service Broker statements do not take part in ownership
-- chaining, so callers need only EXECUTE on this procedure.
CREATE OR ALTER PROCEDURE {{Schema}}.{{EnqueueProc}}
    @procedure sysname,
    @claim nvarchar(4000) = NULL,
{{#if IsKeepFiring}}
    @key nvarchar(400) = NULL,
{{#endif}}
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

{{#if IsWindowed}}
    -- Runs the expiry marking and log retention when due (at most once per
    -- cleanup interval), so a lost task shows within that interval.
{{#else}}
    -- Log retention when due (at most once per cleanup interval).
{{#endif}}
    EXEC {{Schema}}.{{CleanupProc}} @force = 0;

{{#if IsKeepFiring}}
    DECLARE @slot int, @handle uniqueidentifier, @conversationId uniqueidentifier;
    DECLARE @openedAt datetime2(3), @sent bigint, @body xml;
{{#else}}
    DECLARE @handle uniqueidentifier, @conversationId uniqueidentifier, @body xml;
{{#endif}}

    BEGIN TRANSACTION;

{{#if IsWindowed}}
    INSERT INTO {{Schema}}.{{TaskLog}} (procedure_schema, procedure_name, claim, enqueued_at, expires_at, outcome)
    VALUES (@procedureSchema, @procedure, @claim, SYSUTCDATETIME(),
            DATEADD(second, {{WindowSeconds}}, SYSUTCDATETIME()), 'queued');
{{#else}}
    INSERT INTO {{Schema}}.{{TaskLog}} (procedure_schema, procedure_name, claim, enqueued_at, outcome)
    VALUES (@procedureSchema, @procedure, @claim, SYSUTCDATETIME(), 'queued');
{{#endif}}
    SET @taskId = SCOPE_IDENTITY();

{{#if IsWindowed}}
-- Cleanup: marks tasks whose window closed as expired, trims the log ---------
{{#else}}
-- Cleanup: trims the log ------------------------------------------------------
{{#endif}}
-- _Enqueue calls it with @force = 0: it runs at most once per
-- {{CleanupIntervalSeconds}} s and never waits. The last run's time is read first (one row);
-- then an application lock taken with @LockTimeout = 0 lets one session in
-- while the others return at once (sp_getapplock returns -1), so cleanups
-- never queue up behind each other on the task log. Called inside the
-- caller's transaction it does nothing: every lock it took would last until
-- that transaction ends. An Agent job step (or a DBA) runs it with
-- @force = 1, which also suits applications that always enqueue in a
-- transaction. Each slice of 1,000 rows commits on its own.
-- sp_getapplock, sp_releaseapplock:
-- https://learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-getapplock-transact-sql
-- https://learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-releaseapplock-transact-sql
CREATE OR ALTER PROCEDURE {{Schema}}.{{CleanupProc}}
    @force bit = 0
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @lock int, @lockName nvarchar(255) = CONCAT(N'BrokerStudio.Cleanup.', @@PROCID);
    DECLARE @slices int = 0, @deleted int = 1000;

    IF @force = 0
       AND (@@TRANCOUNT > 0
            OR EXISTS (SELECT 1 FROM {{Schema}}.{{CleanupState}}
                       WHERE last_run_at > DATEADD(second, -{{CleanupIntervalSeconds}}, SYSUTCDATETIME())))
        RETURN 0;

    EXEC @lock = sys.sp_getapplock @Resource = @lockName, @LockMode = 'Exclusive',
                                   @LockOwner = 'Session', @LockTimeout = 0;
    IF @lock < 0
        RETURN 0; -- another session is cleaning up
    BEGIN TRY
        -- Again under the lock: another session may have finished a run meanwhile.
        IF @force = 1
           OR NOT EXISTS (SELECT 1 FROM {{Schema}}.{{CleanupState}}
                          WHERE last_run_at > DATEADD(second, -{{CleanupIntervalSeconds}}, SYSUTCDATETIME()))
        BEGIN
            UPDATE {{Schema}}.{{CleanupState}} SET last_run_at = SYSUTCDATETIME() WHERE id = 1;
{{#if IsWindowed}}

            -- A task still queued after its window can never arrive: its dialog has
            -- expired and taken the message with it. Mark it so that the loss shows.
            UPDATE {{Schema}}.{{TaskLog}}
            SET outcome = 'expired',
                finished_at = SYSUTCDATETIME(),
                error_message = N'The window closed before the target received the task.'
            WHERE outcome = 'queued'
              AND expires_at < SYSUTCDATETIME();
{{#endif}}
{{#if HasRetention}}

            -- Log retention, in slices so that no statement holds many locks (and
            -- none escalates to the table): up to 50 slices per run.
            WHILE @deleted = 1000 AND @slices < 50
            BEGIN
                DELETE TOP (1000) FROM {{Schema}}.{{TaskLog}}
                WHERE enqueued_at < DATEADD(day, -{{LogRetentionDays}}, SYSUTCDATETIME())
                  AND outcome NOT IN ('queued', 'running');
                SET @deleted = @@ROWCOUNT;
                SET @slices += 1;
            END;
{{#else}}

            -- Log retention is off (0 days): the log is never trimmed.
{{#endif}}
        END;
        EXEC sys.sp_releaseapplock @Resource = @lockName, @LockOwner = 'Session';
    END TRY
    BEGIN CATCH
        -- A session's lock outlives an error: release it, then report the error.
        BEGIN TRY
            EXEC sys.sp_releaseapplock @Resource = @lockName, @LockOwner = 'Session';
        END TRY
        BEGIN CATCH
            -- Not held (the error came before it was granted): nothing to release.
        END CATCH;
        THROW;
    END CATCH;
    RETURN 0;
END;
GO

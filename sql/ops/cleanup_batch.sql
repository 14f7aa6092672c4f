-- query: ops.cleanup_batch
--# One batch of a guided leak cleanup (app/core/ops/cleanupplan.h). The server picks the next
--# @P2 endpoints after handle @P1 by keyset (conversation_handle > @after ORDER BY
--# conversation_handle), so no list of handles travels; the same text runs for every batch.
--# Which endpoint gets what is decided as in cleanup_count.sql (same columns and pages):
--# sys.conversation_endpoints: https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# sys.transmission_queue: https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# WITH CLEANUP only for CLOSED endpoints whose security_timestamp was never set (the documented
--# remedy for an endpoint that cannot complete normally): it removes the endpoint and its messages
--# without telling the far side. DI and DO get a plain END CONVERSATION, never WITH CLEANUP.
--# One transaction per batch. Each END has a savepoint (SAVE TRANSACTION:
--# https://learn.microsoft.com/sql/t-sql/language-elements/save-transaction-transact-sql); an END the
--# server refuses is rolled back to it and counted when the transaction can still commit
--# (XACT_STATE() = 1: https://learn.microsoft.com/sql/t-sql/functions/xact-state-transact-sql);
--# otherwise the whole batch is rolled back and the error re-raised (THROW:
--# https://learn.microsoft.com/sql/t-sql/language-elements/throw-transact-sql; TRY…CATCH:
--# https://learn.microsoft.com/sql/t-sql/language-elements/try-catch-transact-sql). Which END errors leave
--# the transaction committable is not documented [U]; either way nothing is half-done.
--# The one row returned: what was ended, failed and skipped, and the last handle looked at.
SET XACT_ABORT OFF;
SET NOCOUNT ON;
DECLARE @after uniqueidentifier = CONVERT(uniqueidentifier, @P1);
DECLARE @batch_size int = @P2;
DECLARE @local nvarchar(256) = CAST(@P3 AS nvarchar(256));
DECLARE @far nvarchar(256) = CAST(@P4 AS nvarchar(256));
DECLARE @closed bit = @P5;
DECLARE @disconnected_inbound bit = @P6;
DECLARE @disconnected_outbound bit = @P7;
DECLARE @horizon datetime = DATEADD(second, @P8, GETUTCDATE());
DECLARE @batch TABLE (conversation_handle uniqueidentifier NOT NULL PRIMARY KEY,
                      state char(2) NOT NULL,
                      action tinyint NOT NULL);
DECLARE @handle uniqueidentifier, @action tinyint;
DECLARE @ended_with_cleanup int = 0, @ended int = 0, @failed int = 0, @last_failure nvarchar(2048) = NULL;
BEGIN TRANSACTION;
INSERT INTO @batch (conversation_handle, state, action)
SELECT TOP (@batch_size)
       ce.conversation_handle,
       ce.state,
       CASE WHEN ce.lifetime <= @horizon THEN 12
            WHEN ce.state = 'CD' AND ce.security_timestamp <> '19000101' THEN 13
            WHEN EXISTS (SELECT 1 FROM {{Schema}}.{{Queue}} AS q
                         WHERE q.conversation_handle = ce.conversation_handle) THEN 10
            WHEN EXISTS (SELECT 1 FROM sys.transmission_queue AS t
                         WHERE t.conversation_handle = ce.conversation_handle) THEN 11
            WHEN ce.state = 'CD' THEN 1
            ELSE 2
       END
FROM sys.conversation_endpoints AS ce
JOIN sys.services AS s ON s.service_id = ce.service_id
WHERE ce.conversation_handle > @after
  AND s.name = @local
  AND ce.far_service = @far
  AND ((ce.state = 'CD' AND @closed = 1)
       OR (ce.state = 'DI' AND @disconnected_inbound = 1)
       OR (ce.state = 'DO' AND @disconnected_outbound = 1))
ORDER BY ce.conversation_handle;
DECLARE batch_cursor CURSOR LOCAL FAST_FORWARD FOR
    SELECT b.conversation_handle, b.action FROM @batch AS b WHERE b.action IN (1, 2) ORDER BY b.conversation_handle;
OPEN batch_cursor;
FETCH NEXT FROM batch_cursor INTO @handle, @action;
WHILE @@FETCH_STATUS = 0
BEGIN
    SAVE TRANSACTION cleanup_endpoint;
    BEGIN TRY
        IF @action = 1
            END CONVERSATION @handle WITH CLEANUP;
        ELSE
            END CONVERSATION @handle;
        IF @action = 1
            SET @ended_with_cleanup += 1;
        ELSE
            SET @ended += 1;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 1
        BEGIN
            IF XACT_STATE() <> 0
                ROLLBACK TRANSACTION;
            THROW;
        END;
        ROLLBACK TRANSACTION cleanup_endpoint;
        SET @failed += 1;
        SET @last_failure = ERROR_MESSAGE();
    END CATCH;
    FETCH NEXT FROM batch_cursor INTO @handle, @action;
END;
CLOSE batch_cursor;
DEALLOCATE batch_cursor;
COMMIT TRANSACTION;
SELECT @ended_with_cleanup AS ended_with_cleanup,
       @ended AS ended,
       @failed AS failed,
       (SELECT COUNT(*) FROM @batch AS b WHERE b.action = 10) AS skipped_queued,
       (SELECT COUNT(*) FROM @batch AS b WHERE b.action = 11) AS skipped_transmission,
       (SELECT COUNT(*) FROM @batch AS b WHERE b.action = 12) AS skipped_expiring,
       (SELECT COUNT(*) FROM @batch AS b WHERE b.action = 13) AS skipped_stamp_set,
       (SELECT COUNT(*) FROM @batch AS b) AS examined,
       (SELECT TOP (1) CONVERT(nchar(36), b.conversation_handle) FROM @batch AS b
        ORDER BY b.conversation_handle DESC) AS last_handle,
       @last_failure AS last_failure;

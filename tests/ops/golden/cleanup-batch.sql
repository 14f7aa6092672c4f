-- query: ops.cleanup_batch
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
            WHEN EXISTS (SELECT 1 FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] AS q
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
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- after conversation handle (bound as its text)
--   @P2 int = 1000  -- batch size
--   @P3 nvarchar(256) = "//Ship]ping/Tar'get; DROP TABLE t; --"  -- local service (bound as UTF-16LE bytes)
--   @P4 nvarchar(256) = "//Доставка/"Initiator" [x]"  -- far service (bound as UTF-16LE bytes)
--   @P5 bit = 1  -- CD included
--   @P6 bit = 1  -- DI included
--   @P7 bit = 0  -- DO included
--   @P8 int = 3600  -- seconds of lifetime left at least

-- query: ops.send_message
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @to_service nvarchar(256) = CAST(@P1 AS nvarchar(256));
DECLARE @handle uniqueidentifier;
BEGIN TRANSACTION;
BEGIN DIALOG CONVERSATION @handle
    FROM SERVICE [//Orders/Init]]iator; DROP TABLE t --]
    TO SERVICE @to_service
    ON CONTRACT [//Orders/[Contract]]]
    WITH ENCRYPTION = OFF;
SEND ON CONVERSATION @handle MESSAGE TYPE [//Orders/Request ' N'x'] (@P2);
END CONVERSATION @handle;
COMMIT TRANSACTION;
SELECT @handle AS conversation_handle;
-- parameters:
--   @P1 nvarchar(256) = "//Orders/Tar'get Служба"  -- target service (bound as UTF-16LE bytes)
--   @P2 varbinary(max) = 0x3C6F726465722069643D223432223E4F726465722034323C2F6F726465723E (31 bytes)  -- message body

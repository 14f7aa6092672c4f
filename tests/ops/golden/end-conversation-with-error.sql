-- query: ops.end_conversation_with_error
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
DECLARE @description nvarchar(3000) = CAST(@P2 AS nvarchar(3000));
BEGIN TRANSACTION;
END CONVERSATION @handle WITH ERROR = @P3 DESCRIPTION = @description;
COMMIT TRANSACTION;
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle (bound as its text)
--   @P2 nvarchar(3000) = "Order 42 can't be shipped: stock is 0; -- not a comment"  -- failure text (bound as UTF-16LE bytes)
--   @P3 int = 50001  -- failure code

-- query: ops.end_conversation_with_error
SET XACT_ABORT ON;
BEGIN TRANSACTION;
END CONVERSATION @P1 WITH ERROR = @P2 DESCRIPTION = @P3;
COMMIT TRANSACTION;
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle
--   @P2 int = 50001  -- failure code
--   @P3 nvarchar(3000) = "Order 42 can't be shipped: stock is 0; -- not a comment"  -- failure text

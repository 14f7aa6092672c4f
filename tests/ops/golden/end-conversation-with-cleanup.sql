-- query: ops.end_conversation_with_cleanup
SET XACT_ABORT ON;
BEGIN TRANSACTION;
END CONVERSATION @P1 WITH CLEANUP;
COMMIT TRANSACTION;
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle

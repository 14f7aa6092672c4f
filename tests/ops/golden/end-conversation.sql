-- query: ops.end_conversation
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
BEGIN TRANSACTION;
END CONVERSATION @handle;
COMMIT TRANSACTION;
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle (bound as its text)

-- query: ops.end_conversation_with_error
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# WITH ERROR = failure_code DESCRIPTION = failure_text: failure_code is an int greater than 0,
--# failure_text an nvarchar(3000); both go to the far side in an Error message. Bound as @P2, @P3.
SET XACT_ABORT ON;
BEGIN TRANSACTION;
END CONVERSATION @P1 WITH ERROR = @P2 DESCRIPTION = @P3;
COMMIT TRANSACTION;

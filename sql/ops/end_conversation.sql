-- query: ops.end_conversation
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# conversation_handle is "the conversation handle for the conversation to end": a uniqueidentifier,
--# here bound as @P1. The far side receives an EndDialog message (after this side's unsent messages).
--# Permissions (same page): the conversation's owner, db_owner or sysadmin.
SET XACT_ABORT ON;
BEGIN TRANSACTION;
END CONVERSATION @P1;
COMMIT TRANSACTION;

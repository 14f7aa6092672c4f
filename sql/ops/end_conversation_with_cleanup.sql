-- query: ops.end_conversation_with_cleanup
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# WITH CLEANUP removes this side's endpoint and all its messages in the queue and the
--# transmission queue; the other side is not notified. The page reserves it for conversations that
--# cannot complete normally (a CLOSED endpoint kept for its lifetime, a far service that is gone).
--# Permissions: db_owner or sysadmin.
SET XACT_ABORT ON;
BEGIN TRANSACTION;
END CONVERSATION @P1 WITH CLEANUP;
COMMIT TRANSACTION;

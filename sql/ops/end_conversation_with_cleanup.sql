-- query: ops.end_conversation_with_cleanup
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# WITH CLEANUP removes this side's endpoint and all its messages in the queue and the
--# transmission queue; the other side is not notified. The page reserves it for conversations that
--# cannot complete normally (a CLOSED endpoint kept for its lifetime, a far service that is gone).
--# Permissions: db_owner or sysadmin.
--# The handle is bound as its text and CONVERTed (CAST and CONVERT, https://learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql):
--# Qt's ODBC driver cannot bind a uniqueidentifier (ParameterWire in app/core/ops/operation.h).
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
BEGIN TRANSACTION;
END CONVERSATION @handle WITH CLEANUP;
COMMIT TRANSACTION;

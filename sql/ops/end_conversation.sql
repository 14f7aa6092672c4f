-- query: ops.end_conversation
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# conversation_handle is "the conversation handle for the conversation to end": a uniqueidentifier,
--# here bound as @P1. The far side receives an EndDialog message (after this side's unsent messages).
--# Permissions (same page): the conversation's owner, db_owner or sysadmin.
--# The handle is bound as its text and CONVERTed (CAST and CONVERT, https://learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql):
--# Qt's ODBC driver cannot bind a uniqueidentifier (ParameterWire in app/core/ops/operation.h).
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
BEGIN TRANSACTION;
END CONVERSATION @handle;
COMMIT TRANSACTION;

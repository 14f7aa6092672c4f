-- query: ops.end_conversation_with_error
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# WITH ERROR = failure_code DESCRIPTION = failure_text: failure_code is an int greater than 0,
--# failure_text an nvarchar(3000); both go to the far side in an Error message. The text is @P2, the code @P3.
--# The handle is bound as its text and CONVERTed (CAST and CONVERT, https://learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql):
--# Qt's ODBC driver cannot bind a uniqueidentifier (ParameterWire in app/core/ops/operation.h).
--# The description is bound as its UTF-16LE bytes; CAST to nvarchar reads them back exactly, whatever
--# the server's code page (a varchar parameter would lose what the code page cannot hold).
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
DECLARE @description nvarchar(3000) = CAST(@P2 AS nvarchar(3000));
BEGIN TRANSACTION;
END CONVERSATION @handle WITH ERROR = @P3 DESCRIPTION = @description;
COMMIT TRANSACTION;

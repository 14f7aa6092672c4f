-- query: ops.send_message
--# BEGIN DIALOG CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/begin-dialog-conversation-transact-sql
--#   BEGIN DIALOG [ CONVERSATION ] @dialog_handle FROM SERVICE initiator_service_name
--#     TO SERVICE 'target_service_name' [ ON CONTRACT contract_name ] [ WITH [ ENCRYPTION = { ON | OFF } ] ]
--#   FROM SERVICE and ON CONTRACT take names (bracket-quoted by quoteIdentifier); TO SERVICE takes an
--#   nvarchar(256) string, compared byte by byte: it is bound (@P1, as UTF-16LE bytes CAST back to
--#   nvarchar, lossless whatever the server's code page) and given as a variable of that type.
--# SEND (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/send-transact-sql
--#   SEND ON CONVERSATION conversation_handle [ MESSAGE TYPE message_type_name ] [ ( message_body_expression ) ]
--#   The body is an expression convertible to varbinary(max), never NULL; without it the body is
--#   empty (what a VALIDATION = EMPTY type requires). The body is @P2, bound as varbinary(max).
--#   The statement before SEND must end with a semicolon.
--# END CONVERSATION (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql
--# The new dialog's handle is returned so the tool can show where the message went.
SET NOCOUNT ON;
SET XACT_ABORT ON;
DECLARE @to_service nvarchar(256) = CAST(@P1 AS nvarchar(256));
DECLARE @handle uniqueidentifier;
BEGIN TRANSACTION;
BEGIN DIALOG CONVERSATION @handle
    FROM SERVICE {{FromService}}
    TO SERVICE @to_service
    ON CONTRACT {{Contract}}
{{#if Encryption}}
    WITH ENCRYPTION = ON;
{{#else}}
    WITH ENCRYPTION = OFF;
{{#endif}}
{{#if HasBody}}
SEND ON CONVERSATION @handle MESSAGE TYPE {{MessageType}} (@P2);
{{#else}}
SEND ON CONVERSATION @handle MESSAGE TYPE {{MessageType}};
{{#endif}}
{{#if EndAfterSend}}
END CONVERSATION @handle;
{{#endif}}
COMMIT TRANSACTION;
SELECT @handle AS conversation_handle;

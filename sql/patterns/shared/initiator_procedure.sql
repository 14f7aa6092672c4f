-- Initiator: the activation procedure of the initiator queue ----------------
-- Ends the initiator side when the target has ended (EndDialog), and logs Error
{{#if IsKeepFiring}}
-- messages as broker_error against the tasks still queued on that dialog:
-- nothing is lost silently.
{{#else}}
-- messages against the task still queued on that dialog: 'expired' for -8489 (the
-- dialog's LIFETIME ended first), 'broker_error' otherwise. Nothing is lost silently.
{{#endif}}
CREATE OR ALTER PROCEDURE {{Schema}}.{{InitiatorProc}}
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @handle uniqueidentifier, @messageType sysname, @messageBody varbinary(max);
    DECLARE @errorBody xml, @errorNumber int, @errorMessage nvarchar(4000);

    BEGIN TRY
        WHILE 1 = 1
        BEGIN
            SELECT @handle = NULL, @messageType = NULL, @messageBody = NULL;

            BEGIN TRANSACTION;

            WAITFOR (
                RECEIVE TOP (1)
                    @handle = conversation_handle,
                    @messageType = message_type_name,
                    @messageBody = message_body
                FROM {{Schema}}.{{InitiatorQueue}}
            ), TIMEOUT {{ReceiveTimeoutMs}};

            IF @handle IS NULL
            BEGIN
                ROLLBACK TRANSACTION;
                BREAK;
            END;

            IF @messageType = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'
            BEGIN
                SET @errorBody = CAST(@messageBody AS xml);
                SELECT @errorNumber = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Code)[1]', 'int'),
                       @errorMessage = @errorBody.value('declare namespace e="http://schemas.microsoft.com/SQL/ServiceBroker/Error"; (/e:Error/e:Description)[1]', 'nvarchar(3000)');
                UPDATE {{Schema}}.{{TaskLog}}
{{#if IsKeepFiring}}
                SET outcome = 'broker_error', finished_at = SYSUTCDATETIME(),
                    error_number = @errorNumber, error_message = @errorMessage
{{#else}}
                SET outcome = CASE WHEN @errorNumber = -8489 THEN 'expired' ELSE 'broker_error' END,
                    finished_at = SYSUTCDATETIME(), error_number = @errorNumber, error_message = @errorMessage
{{#endif}}
                WHERE conversation_handle = @handle AND outcome = 'queued';
                IF @@ROWCOUNT = 0
                    INSERT INTO {{Schema}}.{{TaskLog}} (conversation_handle, finished_at, outcome, error_number, error_message)
{{#if IsKeepFiring}}
                    VALUES (@handle, SYSUTCDATETIME(), 'broker_error', @errorNumber, @errorMessage);
{{#else}}
                    VALUES (@handle, SYSUTCDATETIME(),
                            CASE WHEN @errorNumber = -8489 THEN 'expired' ELSE 'broker_error' END,
                            @errorNumber, @errorMessage);
{{#endif}}
            END;

{{#if IsKeepFiring}}
            -- EndDialog, Error or anything else: this side is done. A pool slot that
            -- still points here opens a new dialog on its next send. READPAST: a slot
            -- locked by a sender is skipped, not waited for (that sender sees the
            -- endpoint is no longer SO/CO and replaces the handle itself), so the two
            -- procedures cannot deadlock over the slot and the conversation group.
            UPDATE {{Schema}}.{{ConversationPool}} WITH (READPAST)
            SET conversation_handle = NULL, opened_at = NULL, sent = 0
            WHERE conversation_handle = @handle;
{{#else}}
            -- EndDialog (the target ended first), Error or anything else: this side is done.
{{#endif}}
            END CONVERSATION @handle;
            COMMIT TRANSACTION;
        END;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 0
            ROLLBACK TRANSACTION;
        THROW;
    END CATCH;
END;
GO

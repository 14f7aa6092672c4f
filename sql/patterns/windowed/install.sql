-- Windowed fire-and-forget: install. Re-runnable: objects that exist are kept
{{> shared/install_objects}}

-- Cleanup: marks tasks whose window closed as expired, trims the log ---------
CREATE OR ALTER PROCEDURE {{Schema}}.{{CleanupProc}}
AS
BEGIN
    SET NOCOUNT ON;
    -- A task still queued after its window can never arrive: its dialog has
    -- expired and taken the message with it. Mark it so that the loss shows.
    UPDATE {{Schema}}.{{TaskLog}}
    SET outcome = 'expired',
        finished_at = SYSUTCDATETIME(),
        error_message = N'The window closed before the target received the task.'
    WHERE outcome = 'queued'
      AND expires_at < SYSUTCDATETIME();
{{#if HasRetention}}

    -- Log retention, in slices so that no call holds many locks.
    DELETE TOP (1000) FROM {{Schema}}.{{TaskLog}}
    WHERE enqueued_at < DATEADD(day, -{{LogRetentionDays}}, SYSUTCDATETIME())
      AND outcome NOT IN ('queued', 'running');
{{#endif}}
END;
GO

{{> shared/enqueue_begin}}

{{> shared/enqueue_task_body}}

    -- The window: LIFETIME bounds how long this dialog, and the closed target
    -- endpoint it leaves behind, can live.
    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE {{InitiatorService}}
        TO SERVICE {{TargetService:literal}}, 'CURRENT DATABASE'
        ON CONTRACT {{Contract}}
        WITH LIFETIME = {{WindowSeconds}}, ENCRYPTION = OFF;

    SELECT @conversationId = conversation_id
    FROM sys.conversation_endpoints
    WHERE conversation_handle = @handle;

    SEND ON CONVERSATION @handle MESSAGE TYPE {{TaskType}} (@body);

    -- Fire and forget: the sender never waits.
    END CONVERSATION @handle;

{{> shared/enqueue_end}}

{{> shared/target_procedure}}

{{> shared/activation}}

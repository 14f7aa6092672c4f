-- Windowed fire-and-forget: install. Re-runnable: objects that exist are kept
{{> shared/install_objects}}

{{> shared/cleanup_procedure}}

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

-- Target ends first (one dialog per message): install. Re-runnable: objects that exist are kept
{{> shared/install_objects}}

{{> shared/cleanup_procedure}}

{{> shared/enqueue_begin}}

{{> shared/enqueue_task_body}}

    -- One dialog per task. The target ends it after the task; the initiator's
    -- activation procedure then ends this side. LIFETIME (seconds) bounds a dialog
    -- whose target never answers: when it ends, both sides get error -8489 and the
    -- task is logged 'expired', instead of an endpoint waiting for 68 years.
    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE {{InitiatorService}}
        TO SERVICE {{TargetService:literal}}, 'CURRENT DATABASE'
        ON CONTRACT {{Contract}}
        WITH LIFETIME = {{DialogLifetimeSeconds}}, ENCRYPTION = OFF;

    SELECT @conversationId = conversation_id
    FROM sys.conversation_endpoints
    WHERE conversation_handle = @handle;

    SEND ON CONVERSATION @handle MESSAGE TYPE {{TaskType}} (@body);

{{> shared/enqueue_end}}

{{> shared/initiator_procedure}}

{{> shared/target_procedure}}

{{> shared/activation}}

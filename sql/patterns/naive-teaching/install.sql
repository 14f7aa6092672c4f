-- Naive fire-and-forget (TEACHING SCRIPT, not for production): install. Re-runnable: objects that exist are kept
{{> shared/install_objects}}

{{> shared/cleanup_procedure}}

{{> shared/enqueue_begin}}

{{> shared/enqueue_task_body}}

    -- THE MISTAKE, part 1: no LIFETIME, so the default of 2,147,483,647 seconds
    -- (about 68 years) applies to the closed target endpoint this dialog leaves.
    BEGIN DIALOG CONVERSATION @handle
        FROM SERVICE {{InitiatorService}}
        TO SERVICE {{TargetService:literal}}, 'CURRENT DATABASE'
        ON CONTRACT {{Contract}}
        WITH ENCRYPTION = OFF;

    SELECT @conversationId = conversation_id
    FROM sys.conversation_endpoints
    WHERE conversation_handle = @handle;

    SEND ON CONVERSATION @handle MESSAGE TYPE {{TaskType}} (@body);

    -- THE MISTAKE, part 2: the initiator ends first. An Error from the target
    -- (no permission, unknown contract, ...) arrives at an ended endpoint and is
    -- dropped: the task vanishes and nothing is logged.
    END CONVERSATION @handle;

{{> shared/enqueue_end}}

{{> shared/target_procedure}}

{{> shared/activation}}

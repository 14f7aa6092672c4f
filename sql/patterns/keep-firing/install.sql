-- Keep-firing: install. Re-runnable: objects that exist are kept
{{> shared/install_objects}}

{{> shared/cleanup_procedure}}

{{> shared/enqueue_begin}}

    -- The same key always takes the same slot, so its tasks share a conversation
    -- and run in order (FIFO per key) within one recycle period: after recycling,
    -- the new conversation's tasks can run before the old one's backlog. Without a
    -- key: round-robin by task id.
    SET @slot = CASE WHEN @key IS NULL THEN CAST(@taskId % {{PoolSize}} AS int)
                     ELSE (CHECKSUM(@key) % {{PoolSize}} + {{PoolSize}}) % {{PoolSize}} END;

    -- UPDLOCK serialises the senders of one slot: a slot never opens two dialogs.
    SELECT @handle = conversation_handle, @openedAt = opened_at, @sent = sent
    FROM {{Schema}}.{{ConversationPool}} WITH (UPDLOCK, HOLDLOCK)
    WHERE slot = @slot;
    IF @@ROWCOUNT = 0
    BEGIN
        THROW 50002, N'The conversation pool has fewer slots than the pool size; run install.sql again.', 1;
    END;

    IF @handle IS NOT NULL
       AND (@sent >= {{RecycleAfterMessages}}
            OR @openedAt <= DATEADD(second, -{{RecycleAfterSeconds}}, SYSUTCDATETIME())
            OR NOT EXISTS (SELECT 1 FROM sys.conversation_endpoints
                           WHERE conversation_handle = @handle AND state IN ('SO', 'CO')))
    BEGIN
        -- Recycling (or the dialog failed): EndOfStream asks the target to end
        -- first; the initiator's activation procedure ends this side on EndDialog.
        IF EXISTS (SELECT 1 FROM sys.conversation_endpoints
                   WHERE conversation_handle = @handle AND state IN ('SO', 'CO'))
        BEGIN
            SEND ON CONVERSATION @handle MESSAGE TYPE {{EndOfStreamType}};
        END;
        SET @handle = NULL;
    END;

    IF @handle IS NULL
    BEGIN
        -- No LIFETIME: recycling ends every pooled dialog, and a lifetime would
        -- drop the tasks of a long backlog with the dialog.
        BEGIN DIALOG CONVERSATION @handle
            FROM SERVICE {{InitiatorService}}
            TO SERVICE {{TargetService:literal}}, 'CURRENT DATABASE'
            ON CONTRACT {{Contract}}
            WITH ENCRYPTION = OFF;
        UPDATE {{Schema}}.{{ConversationPool}}
        SET conversation_handle = @handle, opened_at = SYSUTCDATETIME(), sent = 0
        WHERE slot = @slot;
    END;

    SELECT @conversationId = conversation_id
    FROM sys.conversation_endpoints
    WHERE conversation_handle = @handle;

{{> shared/enqueue_task_body}}

    SEND ON CONVERSATION @handle MESSAGE TYPE {{TaskType}} (@body);

    UPDATE {{Schema}}.{{ConversationPool}} SET sent = sent + 1 WHERE slot = @slot;
{{> shared/enqueue_end}}

{{> shared/initiator_procedure}}

{{> shared/target_procedure}}

-- The pool's slots: 0 .. pool size - 1. Slots beyond a smaller pool size are
-- retired by recycling their dialog (EndOfStream), never by dropping it.
DECLARE @slot int = 0;
WHILE @slot < {{PoolSize}}
BEGIN
    IF NOT EXISTS (SELECT 1 FROM {{Schema}}.{{ConversationPool}} WHERE slot = @slot)
        INSERT INTO {{Schema}}.{{ConversationPool}} (slot) VALUES (@slot);
    SET @slot += 1;
END;
DECLARE @retiredSlot int, @retired uniqueidentifier;
WHILE 1 = 1
BEGIN
    SELECT @retiredSlot = NULL, @retired = NULL;
    SELECT TOP (1) @retiredSlot = slot, @retired = conversation_handle
    FROM {{Schema}}.{{ConversationPool}}
    WHERE slot >= {{PoolSize}}
    ORDER BY slot;
    IF @retiredSlot IS NULL
        BREAK;
    IF EXISTS (SELECT 1 FROM sys.conversation_endpoints
               WHERE conversation_handle = @retired AND state IN ('SO', 'CO'))
    BEGIN
        SEND ON CONVERSATION @retired MESSAGE TYPE {{EndOfStreamType}};
    END;
    DELETE FROM {{Schema}}.{{ConversationPool}} WHERE slot = @retiredSlot;
END;
GO

{{> shared/activation}}

    UPDATE {{Schema}}.{{TaskLog}}
    SET conversation_handle = @handle, conversation_id = @conversationId
    WHERE task_id = @taskId;

    COMMIT TRANSACTION;
END;
GO

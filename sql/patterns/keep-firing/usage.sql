-- Keep-firing: usage examples. Run it step by step after install.sql.
{{> shared/usage_enqueue}}
-- 3b. Tasks with the same @key share a conversation and run in order, one after
--     the other. Tasks without a key are spread over the pool round-robin.
EXEC {{Schema}}.{{EnqueueProc}}
    @procedure = {{DemoTask:literal}},
    @procedureSchema = {{Schema:literal}},
    @claim = N'customer 7, step 1',
    @key = N'customer 7';
EXEC {{Schema}}.{{EnqueueProc}}
    @procedure = {{DemoTask:literal}},
    @procedureSchema = {{Schema:literal}},
    @claim = N'customer 7, step 2',
    @key = N'customer 7';
GO
{{> shared/usage_outcomes}}
-- 5. The pool: one long-lived dialog per slot, recycled after the configured
--    number of messages or seconds.
SELECT p.slot, p.conversation_handle, p.opened_at, p.sent, ce.state_desc
FROM {{Schema}}.{{ConversationPool}} AS p
LEFT JOIN sys.conversation_endpoints AS ce ON ce.conversation_handle = p.conversation_handle
ORDER BY p.slot;
GO

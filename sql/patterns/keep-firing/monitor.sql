-- Keep-firing: monitoring. Read-only; run it whenever you like.
-- The DMVs need VIEW SERVER STATE; the catalog views show what you may see.
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. Conversation endpoints of this pattern, by side and state. Expect about
--    two per pool slot, plus recycled target endpoints kept closed for about
--    30 minutes each: a bounded population.
{{> shared/monitor_queries}}

-- 6. The conversation pool: each slot's dialog, its state and its age.
SELECT p.slot,
       p.conversation_handle,
       ce.state_desc,
       p.opened_at,
       DATEDIFF(second, p.opened_at, SYSUTCDATETIME()) AS age_seconds,
       p.sent
FROM {{Schema}}.{{ConversationPool}} AS p
LEFT JOIN sys.conversation_endpoints AS ce ON ce.conversation_handle = p.conversation_handle
ORDER BY p.slot;
GO

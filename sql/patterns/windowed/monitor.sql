-- Windowed fire-and-forget: monitoring. Read-only; run it whenever you like.
-- The DMVs need VIEW SERVER STATE; the catalog views show what you may see.
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. Conversation endpoints of this pattern, by side and state. With a window,
--    closed target endpoints are reclaimed when their lifetime ends; the
--    population should level off near (enqueue rate x window).
{{> shared/monitor_queries}}
GO

-- Target ends first (one dialog per message): monitoring. Read-only; run it whenever you like.
-- The DMVs need VIEW SERVER STATE; the catalog views show what you may see.
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. Conversation endpoints of this pattern, by side and state. Closed target
--    endpoints are kept about 30 minutes for replay protection; expect about
--    (enqueue rate x 30 minutes) plus the dialogs in flight.
{{> shared/monitor_queries}}
GO

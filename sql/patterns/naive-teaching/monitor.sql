-- Naive fire-and-forget (TEACHING SCRIPT): monitoring. Read-only; run it whenever you like.
-- The DMVs need VIEW SERVER STATE; the catalog views show what you may see.
SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. Conversation endpoints of this pattern, by side and state. In this
--    teaching pattern the CLOSED target endpoints that were never stamped grow
--    with every task, for 68 years: watch never_stamped.
{{> shared/monitor_queries}}
GO

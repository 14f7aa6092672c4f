-- Windowed fire-and-forget: usage examples. Run it step by step after install.sql.
{{> shared/usage_enqueue}}
{{> shared/usage_outcomes}}
-- 5. Tasks still queued after the window are lost with their dialog. Cleanup
--    marks them 'expired'; each enqueue runs it, an Agent job can too:
EXEC {{Schema}}.{{CleanupProc}};
GO

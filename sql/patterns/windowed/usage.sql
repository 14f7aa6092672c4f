-- Windowed fire-and-forget: usage examples. Run it step by step after install.sql.
{{> shared/usage_enqueue}}
{{> shared/usage_outcomes}}
-- 5. Tasks still queued after the window are lost with their dialog. Cleanup
--    marks them 'expired'; _Enqueue runs it once per cleanup interval, and
--    @force = 1 runs it now (an Agent job can do the same):
EXEC {{Schema}}.{{CleanupProc}} @force = 1;
GO

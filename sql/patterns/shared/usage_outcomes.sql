{{#if IsWindowed}}
-- 4. Watch the outcomes: queued, running, succeeded, failed, expired, broker_error.
{{#else}}
-- 4. Watch the outcomes: queued, running, succeeded, failed, broker_error.
{{#endif}}
SELECT TOP (20) task_id, procedure_schema, procedure_name, claim, outcome,
{{#if IsWindowed}}
       enqueued_at, expires_at, started_at, finished_at, error_number, error_message
{{#else}}
       enqueued_at, started_at, finished_at, error_number, error_message
{{#endif}}
FROM {{Schema}}.{{TaskLog}}
ORDER BY task_id DESC;
GO

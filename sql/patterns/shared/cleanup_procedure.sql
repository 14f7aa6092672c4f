-- Cleanup: trims the log ------------------------------------------------------
CREATE OR ALTER PROCEDURE {{Schema}}.{{CleanupProc}}
AS
BEGIN
    SET NOCOUNT ON;
{{#if HasRetention}}
    -- Log retention, in slices so that no call holds many locks.
    DELETE TOP (1000) FROM {{Schema}}.{{TaskLog}}
    WHERE enqueued_at < DATEADD(day, -{{LogRetentionDays}}, SYSUTCDATETIME())
      AND outcome NOT IN ('queued', 'running');
{{#else}}
    -- Log retention is off (0 days): nothing to trim.
    RETURN;
{{#endif}}
END;
GO

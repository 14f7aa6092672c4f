-- query: select_cleanup_runs
-- The newest runs first; the journal keeps the unfinished ones (status other than done) to resume.
SELECT id, started_utc, updated_utc, server, database_name, plan, status, last_handle, total, batches, examined,
       ended_with_cleanup, ended, failed, skipped_queued, skipped_transmission, skipped_expiring, skipped_stamp_set,
       message
FROM cleanup_run
ORDER BY id DESC
LIMIT :limit

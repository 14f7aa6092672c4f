-- query: update_cleanup_run
UPDATE cleanup_run
SET updated_utc = :updated_utc, status = :status, last_handle = :last_handle, total = :total, batches = :batches,
    examined = :examined, ended_with_cleanup = :ended_with_cleanup, ended = :ended, failed = :failed,
    skipped_queued = :skipped_queued, skipped_transmission = :skipped_transmission,
    skipped_expiring = :skipped_expiring, skipped_stamp_set = :skipped_stamp_set, message = :message
WHERE id = :id

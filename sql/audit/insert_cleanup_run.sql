-- query: insert_cleanup_run
INSERT INTO cleanup_run (started_utc, updated_utc, server, database_name, plan, status, last_handle, total, batches,
                         examined, ended_with_cleanup, ended, failed, skipped_queued, skipped_transmission,
                         skipped_expiring, skipped_stamp_set, message)
VALUES (:started_utc, :updated_utc, :server, :database_name, :plan, :status, :last_handle, :total, :batches,
        :examined, :ended_with_cleanup, :ended, :failed, :skipped_queued, :skipped_transmission,
        :skipped_expiring, :skipped_stamp_set, :message)

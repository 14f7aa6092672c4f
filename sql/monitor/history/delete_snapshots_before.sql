-- query: delete_snapshots_before
DELETE FROM snapshots WHERE time_ms < :before_ms

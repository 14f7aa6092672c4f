-- query: delete_snapshot_at
DELETE FROM snapshots WHERE time_ms = :time_ms

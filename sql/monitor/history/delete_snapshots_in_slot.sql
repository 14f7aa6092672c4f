-- query: delete_snapshots_in_slot
-- The earlier snapshots of the same minute: only the last one of each minute stays.
DELETE FROM snapshots WHERE time_ms >= :slot_ms AND time_ms < :time_ms

-- query: delete_snapshots_in_slot
-- The earlier snapshots of the same 5 minutes: only the last one of each slot stays.
DELETE FROM snapshots WHERE time_ms >= :slot_ms AND time_ms < :time_ms

-- query: snapshot_later_in_slot
SELECT EXISTS (SELECT 1 FROM snapshots WHERE time_ms > :time_ms AND time_ms < :slot_end_ms)

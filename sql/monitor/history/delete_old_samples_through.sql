-- query: delete_old_samples_through
DELETE FROM samples WHERE time_ms <= :to_ms

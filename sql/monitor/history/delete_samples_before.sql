-- query: delete_samples_before
DELETE FROM samples WHERE time_ms < :before_ms

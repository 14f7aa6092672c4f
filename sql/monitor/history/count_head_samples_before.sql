-- query: count_head_samples_before
SELECT COUNT(*) FROM points WHERE time_ms < :before_ms AND length(data) > 0

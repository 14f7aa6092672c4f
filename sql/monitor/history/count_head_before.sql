-- query: count_head_before
SELECT COUNT(*) FROM points WHERE time_ms < :before_ms

-- query: count_samples
SELECT COUNT(*) FROM samples WHERE time_ms BETWEEN :from_ms AND :to_ms

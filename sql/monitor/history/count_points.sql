-- query: count_points
SELECT COUNT(*) FROM points WHERE time_ms BETWEEN :from_ms AND :to_ms

-- query: select_points
SELECT time_ms, data FROM points
WHERE time_ms BETWEEN :from_ms AND :to_ms
ORDER BY time_ms

-- query: select_samples
SELECT time_ms, data FROM samples
WHERE time_ms BETWEEN :from_ms AND :to_ms
ORDER BY time_ms

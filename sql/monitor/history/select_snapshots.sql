-- query: select_snapshots
SELECT time_ms, data FROM snapshots
WHERE time_ms BETWEEN :from_ms AND :to_ms
ORDER BY time_ms

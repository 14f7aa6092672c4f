-- query: select_old_samples
-- The next batch of old rows to convert, with whether the head already has their chart numbers.
SELECT s.time_ms, s.data, p.time_ms IS NOT NULL FROM samples AS s
LEFT JOIN points AS p ON p.time_ms = s.time_ms
ORDER BY s.time_ms
LIMIT :limit

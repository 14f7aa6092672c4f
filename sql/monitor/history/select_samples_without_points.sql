-- query: select_samples_without_points
SELECT s.time_ms, s.data FROM samples AS s
WHERE s.time_ms BETWEEN :from_ms AND :to_ms
  AND NOT EXISTS (SELECT 1 FROM points AS p WHERE p.time_ms = s.time_ms)
ORDER BY s.time_ms
LIMIT :limit

-- query: count_old_samples_without_points
-- Old samples whose chart numbers are not in the head yet (schema 1 rows): samples() of their own.
SELECT COUNT(*) FROM samples AS s
WHERE s.time_ms < :before_ms AND length(s.data) > 0
  AND NOT EXISTS (SELECT 1 FROM points AS p WHERE p.time_ms = s.time_ms)

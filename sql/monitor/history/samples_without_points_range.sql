-- query: samples_without_points_range
-- Samples an older version wrote into a schema-2 file (it does not write points rows): their range.
SELECT MIN(s.time_ms), MAX(s.time_ms) FROM samples AS s
WHERE NOT EXISTS (SELECT 1 FROM points AS p WHERE p.time_ms = s.time_ms)

-- query: delete_orphan_points
-- Points rows whose sample an older version deleted (its retention does not know the points table).
DELETE FROM points WHERE NOT EXISTS (SELECT 1 FROM samples AS s WHERE s.time_ms = points.time_ms)

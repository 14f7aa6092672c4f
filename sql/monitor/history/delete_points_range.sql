-- query: delete_points_range
DELETE FROM points WHERE time_ms BETWEEN :from_ms AND :to_ms

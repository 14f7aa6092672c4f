-- query: delete_points_before
DELETE FROM points WHERE time_ms < :before_ms

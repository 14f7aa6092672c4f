-- query: any_points
SELECT EXISTS (SELECT 1 FROM points)

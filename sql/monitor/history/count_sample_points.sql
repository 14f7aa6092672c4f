-- query: count_sample_points
-- Samples (not gap rows) counted on the small points table instead of the samples table.
SELECT COUNT(*) FROM points WHERE length(data) > 0

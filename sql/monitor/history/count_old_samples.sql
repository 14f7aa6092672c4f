-- query: count_old_samples
SELECT COUNT(*) FROM samples

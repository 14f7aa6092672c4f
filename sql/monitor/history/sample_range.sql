-- query: sample_range
SELECT MIN(time_ms), MAX(time_ms), COUNT(*) FROM samples WHERE length(data) > 0

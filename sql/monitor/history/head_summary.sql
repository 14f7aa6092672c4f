-- query: head_summary
SELECT MIN(time_ms), MAX(time_ms), COUNT(*) FROM points WHERE length(data) > 0

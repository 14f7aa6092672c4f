-- query: head_last_time
SELECT MAX(time_ms) FROM points

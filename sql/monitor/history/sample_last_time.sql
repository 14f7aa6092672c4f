-- query: sample_last_time
SELECT time_ms FROM samples WHERE length(data) > 0 ORDER BY time_ms DESC LIMIT 1

-- query: next_old_sample_time
SELECT MIN(time_ms) FROM samples WHERE time_ms > :time_ms AND length(data) > 0

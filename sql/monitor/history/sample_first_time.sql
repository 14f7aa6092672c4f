-- query: sample_first_time
-- Walks the rowid from the start and stops at the first sample that is not a gap row: no table scan.
SELECT time_ms FROM samples WHERE length(data) > 0 ORDER BY time_ms LIMIT 1

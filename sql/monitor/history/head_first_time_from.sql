-- query: head_first_time_from
-- The oldest head row at or after a time (rowid range: no scan).
SELECT MIN(time_ms) FROM points WHERE time_ms >= :from_ms

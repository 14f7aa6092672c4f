-- query: samples_first_last
-- Two single-row lookups on the rowid (one MIN and one MAX in the same SELECT would scan the table).
SELECT (SELECT MIN(time_ms) FROM samples), (SELECT MAX(time_ms) FROM samples)

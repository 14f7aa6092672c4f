-- query: select_block_data
-- For the integrity check: every block's bytes.
SELECT start_ms, end_ms, data FROM blocks ORDER BY start_ms

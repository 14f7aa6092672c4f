-- query: select_blocks_straddling
-- The block that holds the retention cut-off: rewritten with its newer rows only.
SELECT start_ms, end_ms, data FROM blocks WHERE start_ms < :before_ms AND end_ms > :before_ms

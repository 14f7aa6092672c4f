-- query: select_block
SELECT data FROM blocks WHERE start_ms = :start_ms

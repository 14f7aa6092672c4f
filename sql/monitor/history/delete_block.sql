-- query: delete_block
DELETE FROM blocks WHERE start_ms = :start_ms

-- query: delete_blocks_before
DELETE FROM blocks WHERE end_ms <= :before_ms

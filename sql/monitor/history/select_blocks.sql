-- query: select_blocks
-- Blocks that overlap [from, to], oldest first.
SELECT start_ms, end_ms, data FROM blocks
WHERE start_ms <= :to_ms AND end_ms > :from_ms
ORDER BY start_ms

-- query: blocks_summary
SELECT MIN(first_ms), MAX(last_ms), TOTAL(samples) FROM blocks

-- query: count_blocks_samples_before
SELECT TOTAL(samples) FROM blocks WHERE end_ms <= :before_ms

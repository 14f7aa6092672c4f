-- query: count_block_samples_range
SELECT TOTAL(samples) FROM blocks WHERE start_ms <= :to_ms AND end_ms > :from_ms

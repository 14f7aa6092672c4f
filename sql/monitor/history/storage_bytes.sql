-- query: storage_bytes
-- What each part of a history file holds, in bytes of row data (bench_history, docs/performance.md).
SELECT (SELECT TOTAL(length(data)) FROM blocks), (SELECT TOTAL(length(data)) FROM snapshots),
       (SELECT TOTAL(length(data)) FROM points), (SELECT COUNT(*) FROM blocks), (SELECT COUNT(*) FROM snapshots)

-- query: upsert_block
INSERT OR REPLACE INTO blocks (start_ms, end_ms, first_ms, last_ms, samples, data)
VALUES (:start_ms, :end_ms, :first_ms, :last_ms, :samples, :data)

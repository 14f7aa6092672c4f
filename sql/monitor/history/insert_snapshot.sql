-- query: insert_snapshot
INSERT OR REPLACE INTO snapshots (time_ms, data) VALUES (:time_ms, :data)

-- query: insert_points
INSERT OR REPLACE INTO points (time_ms, data) VALUES (:time_ms, :data)

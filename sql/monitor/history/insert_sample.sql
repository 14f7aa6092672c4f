-- query: insert_sample
INSERT OR REPLACE INTO samples (time_ms, endpoints, leaked, never_expiring, transmission, data)
VALUES (:time_ms, :endpoints, :leaked, :never_expiring, :transmission, :data)

-- query: insert_series_key
INSERT OR IGNORE INTO series_keys (key) VALUES (:key)

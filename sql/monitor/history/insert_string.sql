-- query: insert_string
INSERT OR IGNORE INTO strings (text) VALUES (:key)

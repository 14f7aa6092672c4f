-- query: create_series_keys
-- Schema 2: the dictionary of chart series keys ("queue.dbo.Q.depth", ...) used by the points rows.
CREATE TABLE IF NOT EXISTS series_keys (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
)

-- query: create_strings
-- Schema 3: the per-file dictionary of the names inside snapshots (services, queues, counters,
-- statuses), so each sample stores a small id instead of the text.
CREATE TABLE IF NOT EXISTS strings (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
)

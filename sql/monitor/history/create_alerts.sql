-- query: create_alerts
CREATE TABLE IF NOT EXISTS alerts (
    id         INTEGER PRIMARY KEY,
    alert_key  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    raised_ms  INTEGER NOT NULL,
    cleared_ms INTEGER,
    data       BLOB NOT NULL,
    UNIQUE (alert_key, raised_ms)
)

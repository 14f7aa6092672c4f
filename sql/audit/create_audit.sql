-- query: create_audit
-- The audit of operations (app/data/ops/auditlog.cpp): one row per write Broker Studio ran or
-- refused, in the local history file (SQLite), next to the monitoring history. Never sent to a server.
CREATE TABLE IF NOT EXISTS operation_audit (
    id            INTEGER PRIMARY KEY,
    time_utc      TEXT NOT NULL,
    login         TEXT NOT NULL,
    server        TEXT NOT NULL,
    database_name TEXT NOT NULL,
    operation     TEXT NOT NULL,
    summary       TEXT NOT NULL,
    statement     TEXT NOT NULL,
    parameters    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    message       TEXT NOT NULL,
    elapsed_ms    INTEGER NOT NULL
)

-- query: create_cleanup_run
-- The guided leak cleanup's runs (app/data/ops/cleanupjournal.cpp), in the local history file next
-- to operation_audit: the plan and the position (the last handle a committed batch looked at, and
-- the totals so far), written after every batch, so that a cancelled, crashed or disconnected run
-- resumes where it stopped. Never sent to a server.
CREATE TABLE IF NOT EXISTS cleanup_run (
    id                   INTEGER PRIMARY KEY,
    started_utc          TEXT NOT NULL,
    updated_utc          TEXT NOT NULL,
    server               TEXT NOT NULL,
    database_name        TEXT NOT NULL,
    plan                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    last_handle          TEXT NOT NULL,
    total                INTEGER NOT NULL,
    batches              INTEGER NOT NULL,
    examined             INTEGER NOT NULL,
    ended_with_cleanup   INTEGER NOT NULL,
    ended                INTEGER NOT NULL,
    failed               INTEGER NOT NULL,
    skipped_queued       INTEGER NOT NULL,
    skipped_transmission INTEGER NOT NULL,
    skipped_expiring     INTEGER NOT NULL,
    skipped_stamp_set    INTEGER NOT NULL,
    message              TEXT NOT NULL
)

-- query: create_samples
-- One row per sample: a few columns for quick overviews, the whole sample as compressed CBOR.
-- A row with data of length 0 is a gap (a sample that did not come).
CREATE TABLE IF NOT EXISTS samples (
    time_ms        INTEGER PRIMARY KEY,
    endpoints      INTEGER,
    leaked         INTEGER,
    never_expiring INTEGER,
    transmission   INTEGER,
    data           BLOB NOT NULL
)

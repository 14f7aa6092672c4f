-- query: create_snapshots
-- Schema 3: whole samples for the tables, the last one of each 5 minutes and so always the newest
-- (bs::SampleCodec, CBOR with names as ids into the strings table, zlib-compressed).
CREATE TABLE IF NOT EXISTS snapshots (
    time_ms INTEGER PRIMARY KEY,
    data    BLOB NOT NULL
)

-- query: create_blocks
-- Schema 3: the chart numbers of closed hours, one row per block (bs::HistoryBlock: columns
-- compressed per series, CRC-32 checked). first_ms/last_ms/samples describe the non-gap samples in
-- it, so the time range and the count need no decoding.
CREATE TABLE IF NOT EXISTS blocks (
    start_ms INTEGER PRIMARY KEY,
    end_ms   INTEGER NOT NULL,
    first_ms INTEGER,
    last_ms  INTEGER,
    samples  INTEGER NOT NULL,
    data     BLOB NOT NULL
)

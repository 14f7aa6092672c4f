-- query: create_points
-- Schema 2: per sample, the chart numbers as (key id, value) pairs packed in a small blob
-- (bs::SeriesPoints), so reading charts never decodes full samples. An empty blob is a gap row.
CREATE TABLE IF NOT EXISTS points (
    time_ms INTEGER PRIMARY KEY,
    data    BLOB NOT NULL
)

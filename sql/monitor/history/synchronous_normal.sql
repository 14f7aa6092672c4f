-- query: synchronous_normal
-- With WAL, NORMAL syncs at checkpoints only: durable against application crashes, fast enough
-- for one transaction per sample.
PRAGMA synchronous = NORMAL

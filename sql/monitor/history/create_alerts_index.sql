-- query: create_alerts_index
CREATE INDEX IF NOT EXISTS alerts_by_raised ON alerts (raised_ms)

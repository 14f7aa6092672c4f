-- query: upsert_alert
INSERT INTO alerts (alert_key, kind, raised_ms, cleared_ms, data)
VALUES (:alert_key, :kind, :raised_ms, :cleared_ms, :data)
ON CONFLICT (alert_key, raised_ms) DO UPDATE SET cleared_ms = excluded.cleared_ms, data = excluded.data

-- query: select_alerts
-- Alerts that were active at some time in the range (raised before its end, not cleared before its start).
SELECT raised_ms, cleared_ms, data FROM alerts
WHERE raised_ms <= :to_ms AND (cleared_ms IS NULL OR cleared_ms >= :from_ms)
ORDER BY raised_ms, id

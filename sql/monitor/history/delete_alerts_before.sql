-- query: delete_alerts_before
DELETE FROM alerts WHERE cleared_ms IS NOT NULL AND cleared_ms < :before_ms

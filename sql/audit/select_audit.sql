-- query: select_audit
SELECT id, time_utc, login, server, database_name, operation, summary, statement, parameters, outcome, message, elapsed_ms
FROM operation_audit
ORDER BY id DESC
LIMIT :limit

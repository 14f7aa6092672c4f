-- query: insert_audit
INSERT INTO operation_audit (time_utc, login, server, database_name, operation, summary, statement, parameters,
                             outcome, message, elapsed_ms)
VALUES (:time_utc, :login, :server, :database_name, :operation, :summary, :statement, :parameters,
        :outcome, :message, :elapsed_ms)

-- query: broker_enabled
-- Whether the broker is enabled in this database, and the server's UTC clock, which stamps the sample
-- so that ages (transmission queue, queue monitors) do not depend on the client's clock.
-- sys.databases (Microsoft Learn): is_broker_enabled bit. Permission: none beyond connecting to the database.
-- Never wait behind a blocking transaction: a lock wait longer than 5 s ends this statement with
-- error 1222 and blanks only this part of the sample (SET LOCK_TIMEOUT, milliseconds; public role;
-- set at run time, so it applies to the SELECT below in this batch:
-- learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql).
SET LOCK_TIMEOUT 5000;
SELECT d.is_broker_enabled,
       SYSUTCDATETIME() AS server_utc
FROM sys.databases AS d
WHERE d.database_id = DB_ID();

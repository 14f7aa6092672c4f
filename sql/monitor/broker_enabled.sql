-- query: broker_enabled
-- Whether the broker is enabled in this database, and the server's UTC clock, which stamps the sample
-- so that ages (transmission queue, queue monitors) do not depend on the client's clock.
-- sys.databases (Microsoft Learn): is_broker_enabled bit. Permission: none beyond connecting to the database.
SELECT d.is_broker_enabled,
       SYSUTCDATETIME() AS server_utc
FROM sys.databases AS d
WHERE d.database_id = DB_ID();

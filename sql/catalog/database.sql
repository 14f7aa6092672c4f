-- query: database
-- The database's Service Broker flags and where we are connected.
-- sys.databases: is_broker_enabled bit, service_broker_guid uniqueidentifier,
-- is_honor_broker_priority_on bit (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-databases-transact-sql).
-- The current database's own row is always visible, whatever the caller's server permissions.
SELECT
    CAST(@@SERVERNAME AS nvarchar(128)) AS server_name,
    DB_NAME() AS database_name,
    d.is_broker_enabled,
    d.service_broker_guid,
    d.is_honor_broker_priority_on,
    CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version
FROM sys.databases AS d
WHERE d.database_id = DB_ID();

-- query: database
-- The database's Service Broker flags and where we are connected.
-- sys.databases: is_broker_enabled bit, service_broker_guid uniqueidentifier,
-- is_honor_broker_priority_on bit (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-databases-transact-sql).
-- The current database's own row is always visible, whatever the caller's server permissions.
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    CAST(@@SERVERNAME AS nvarchar(384)) AS server_name,
    CAST(DB_NAME() AS nvarchar(384)) AS database_name,
    d.is_broker_enabled,
    d.service_broker_guid,
    d.is_honor_broker_priority_on,
    CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version
FROM sys.databases AS d
WHERE d.database_id = DB_ID();

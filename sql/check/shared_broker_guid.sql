-- query: shared_broker_guid
-- Other databases of the instance whose service_broker_guid equals this database's (a restored
-- copy next to its original). sys.databases: name sysname, database_id int, service_broker_guid
-- uniqueidentifier (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-databases-transact-sql).
-- Other databases' rows are visible with VIEW ANY DATABASE, which public holds by default; without
-- it this returns no row, which the reader cannot tell from "no copy".
-- Name columns are CAST to nvarchar(3n) for QODBC in narrow mode (docs/odbc-data-path.md).
SELECT
    CAST(d.name AS nvarchar(384)) AS name
FROM sys.databases AS d
WHERE d.database_id <> DB_ID()
  AND d.service_broker_guid = (SELECT c.service_broker_guid FROM sys.databases AS c WHERE c.database_id = DB_ID())
ORDER BY d.name;

-- query: routes
-- sys.routes: name sysname, route_id int, principal_id int NULL, remote_service_name nvarchar(256) NULL,
-- broker_instance nvarchar(128) NULL, lifetime datetime NULL (UTC), address nvarchar(256) NULL,
-- mirror_address nvarchar(256) NULL
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-routes-transact-sql).
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    r.route_id,
    CAST(r.name AS nvarchar(384)) AS name,
    r.principal_id,
    CAST(r.remote_service_name AS nvarchar(768)) AS remote_service_name,
    r.broker_instance,
    r.lifetime,
    r.address,
    r.mirror_address
FROM sys.routes AS r
ORDER BY r.route_id;

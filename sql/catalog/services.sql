-- query: services
-- sys.services: name sysname (case-sensitive), service_id int, principal_id int NULL,
-- service_queue_id int (the queue's object_id)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-services-transact-sql).
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    sv.service_id,
    CAST(sv.name AS nvarchar(384)) AS name,
    sv.principal_id,
    sv.service_queue_id
FROM sys.services AS sv
ORDER BY sv.service_id;

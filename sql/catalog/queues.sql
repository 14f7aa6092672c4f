-- query: queues
-- sys.service_queues: the sys.objects columns plus max_readers smallint, activation_procedure
-- nvarchar(776), execute_as_principal_id int (NULL = CALLER, -2 = OWNER), is_activation_enabled,
-- is_receive_enabled, is_enqueue_enabled, is_retention_enabled, is_poison_message_handling_enabled
-- (bit, the last from SQL Server 2012)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-queues-transact-sql).
-- The EXECUTE AS principal's name comes from sys.database_principals when the caller may see it,
-- otherwise it stays NULL and the id is shown.
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    q.object_id,
    CAST(s.name AS nvarchar(384)) AS schema_name,
    CAST(q.name AS nvarchar(384)) AS name,
    q.max_readers,
    CAST(q.activation_procedure AS nvarchar(2328)) AS activation_procedure,
    q.execute_as_principal_id,
    CAST(p.name AS nvarchar(384)) AS execute_as_principal_name,
    q.is_activation_enabled,
    q.is_receive_enabled,
    q.is_enqueue_enabled,
    q.is_retention_enabled,
    q.is_poison_message_handling_enabled,
    q.is_ms_shipped,
    q.create_date,
    q.modify_date
FROM sys.service_queues AS q
JOIN sys.schemas AS s ON s.schema_id = q.schema_id
LEFT JOIN sys.database_principals AS p ON p.principal_id = q.execute_as_principal_id
ORDER BY s.name, q.name;

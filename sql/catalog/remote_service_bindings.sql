-- query: remote_service_bindings
-- sys.remote_service_bindings: name sysname, remote_service_binding_id int, principal_id int NULL,
-- remote_service_name nvarchar(256) NULL, service_contract_id int (0 = any contract),
-- remote_principal_id int NULL, is_anonymous_on bit
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-remote-service-bindings-transact-sql).
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    b.remote_service_binding_id,
    CAST(b.name AS nvarchar(384)) AS name,
    b.principal_id,
    CAST(b.remote_service_name AS nvarchar(768)) AS remote_service_name,
    b.service_contract_id,
    b.remote_principal_id,
    b.is_anonymous_on
FROM sys.remote_service_bindings AS b
ORDER BY b.remote_service_binding_id;

-- query: contracts
-- sys.service_contracts: name sysname, service_contract_id int, principal_id int NULL
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-contracts-transact-sql).
-- Name columns are CAST to nvarchar(3n) (n = the documented width; sysname = nvarchar(128)):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC, which Qt 6.4 runs in narrow
-- mode with FreeTDS, reads text into a buffer of the declared width + 1 bytes; a longer UTF-8
-- value reads back empty (docs/odbc-data-path.md, "Long Unicode names"). CAST to a wider
-- nvarchar keeps the value and its collation (learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql,
-- learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql: n is 1 through 4,000).
SELECT
    c.service_contract_id,
    CAST(c.name AS nvarchar(384)) AS name,
    c.principal_id
FROM sys.service_contracts AS c
ORDER BY c.service_contract_id;

-- query: modules
-- The T-SQL of the database's procedures, triggers and functions, for the linter.
-- sys.sql_modules: object_id int, definition nvarchar(max) (NULL = encrypted, or the caller lacks
-- VIEW DEFINITION on the module)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-sql-modules-transact-sql);
-- sys.objects: type char(2) P = procedure, TR = DML trigger, FN/IF/TF = functions, is_ms_shipped bit
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-objects-transact-sql).
-- OBJECTPROPERTY(object_id, 'IsEncrypted') tells an encrypted module from a hidden one
-- (learn.microsoft.com/sql/t-sql/functions/objectproperty-transact-sql). Metadata visibility: a
-- module the caller has no permission on is not listed at all, so the reader also asks whether
-- VIEW DEFINITION is held (check.database_facts) and says "cannot see" when it is not.
-- Name columns are CAST to nvarchar(3n) for QODBC in narrow mode (docs/odbc-data-path.md).
SELECT
    o.object_id,
    CAST(s.name AS nvarchar(384)) AS schema_name,
    CAST(o.name AS nvarchar(384)) AS name,
    o.type,
    m.definition,
    OBJECTPROPERTY(o.object_id, 'IsEncrypted') AS is_encrypted
FROM sys.sql_modules AS m
JOIN sys.objects AS o ON o.object_id = m.object_id
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
WHERE o.type IN ('P', 'TR', 'FN', 'IF', 'TF')
  AND o.is_ms_shipped = 0
ORDER BY s.name, o.name;

-- query: queue_activation
-- Whether each queue's activation procedure and EXECUTE AS user still exist.
-- sys.service_queues: object_id, activation_procedure nvarchar(776) (a three-part name),
-- execute_as_principal_id int (NULL = CALLER, -2 = OWNER), is_ms_shipped bit
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-queues-transact-sql);
-- OBJECT_ID accepts that multi-part name and returns NULL for an object that does not exist or
-- that the caller cannot see (learn.microsoft.com/sql/t-sql/functions/object-id-transact-sql);
-- sys.database_principals: principal_id int
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-database-principals-transact-sql).
SELECT
    q.object_id,
    CASE
        WHEN q.activation_procedure IS NULL THEN NULL
        WHEN OBJECT_ID(q.activation_procedure) IS NULL THEN 0
        ELSE 1
    END AS procedure_exists,
    CASE
        WHEN q.execute_as_principal_id IS NULL OR q.execute_as_principal_id = -2 THEN NULL
        WHEN EXISTS (SELECT 1 FROM sys.database_principals AS p WHERE p.principal_id = q.execute_as_principal_id) THEN 1
        ELSE 0
    END AS execute_as_exists
FROM sys.service_queues AS q
WHERE q.is_ms_shipped = 0
ORDER BY q.object_id;

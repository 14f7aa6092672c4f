-- query: queues
-- sys.service_queues: the sys.objects columns plus max_readers smallint, activation_procedure
-- nvarchar(776), execute_as_principal_id int (NULL = CALLER, -2 = OWNER), is_activation_enabled,
-- is_receive_enabled, is_enqueue_enabled, is_retention_enabled, is_poison_message_handling_enabled
-- (bit, the last from SQL Server 2012)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-queues-transact-sql).
-- The EXECUTE AS principal's name comes from sys.database_principals when the caller may see it,
-- otherwise it stays NULL and the id is shown.
SELECT
    q.object_id,
    s.name AS schema_name,
    q.name,
    q.max_readers,
    q.activation_procedure,
    q.execute_as_principal_id,
    p.name AS execute_as_principal_name,
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

-- query: activated_tasks
-- Activated stored procedures running per queue of this database.
-- sys.dm_broker_activated_tasks (Microsoft Learn): spid int, database_id smallint, queue_id int,
-- procedure_name, execute_as. Permission: VIEW SERVER STATE (SQL Server 2022: VIEW SERVER PERFORMANCE STATE).
SELECT t.queue_id,
       COUNT(*) AS active_readers
FROM sys.dm_broker_activated_tasks AS t
WHERE t.database_id = DB_ID()
GROUP BY t.queue_id;

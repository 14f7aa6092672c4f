-- query: activated_tasks
-- Activated stored procedures running per queue of this database.
-- sys.dm_broker_activated_tasks (Microsoft Learn): spid int, database_id smallint, queue_id int,
-- procedure_name, execute_as. Permission: VIEW SERVER STATE (SQL Server 2022: VIEW SERVER PERFORMANCE STATE).
-- Never wait behind a blocking transaction: a lock wait longer than 5 s ends this statement with
-- error 1222 and blanks only this part of the sample (SET LOCK_TIMEOUT, milliseconds; public role;
-- set at run time, so it applies to the SELECT below in this batch:
-- learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql).
SET LOCK_TIMEOUT 5000;
SELECT t.queue_id,
       COUNT(*) AS active_readers
FROM sys.dm_broker_activated_tasks AS t
WHERE t.database_id = DB_ID()
GROUP BY t.queue_id;

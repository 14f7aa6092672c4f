-- query: queue_monitors
-- Queue monitors of this database: one per queue with activation or a QUEUE_ACTIVATION event notification.
-- sys.dm_broker_queue_monitors (Microsoft Learn): database_id int, queue_id int, state nvarchar(32)
-- (INACTIVE, NOTIFIED, RECEIVES_OCCURRING), last_empty_rowset_time datetime, last_activated_time datetime,
-- tasks_waiting int; every column nullable. Permission: VIEW SERVER STATE.
-- Never wait behind a blocking transaction: a lock wait longer than 5 s ends this statement with
-- error 1222 and blanks only this part of the sample (SET LOCK_TIMEOUT, milliseconds; public role;
-- set at run time, so it applies to the SELECT below in this batch:
-- learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql).
SET LOCK_TIMEOUT 5000;
SELECT m.queue_id,
       m.state,
       m.tasks_waiting,
       m.last_activated_time,
       m.last_empty_rowset_time
FROM sys.dm_broker_queue_monitors AS m
WHERE m.database_id = DB_ID();

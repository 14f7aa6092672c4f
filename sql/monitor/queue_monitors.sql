-- query: queue_monitors
-- Queue monitors of this database: one per queue with activation or a QUEUE_ACTIVATION event notification.
-- sys.dm_broker_queue_monitors (Microsoft Learn): database_id int, queue_id int, state nvarchar(32)
-- (INACTIVE, NOTIFIED, RECEIVES_OCCURRING), last_empty_rowset_time datetime, last_activated_time datetime,
-- tasks_waiting int; every column nullable. Permission: VIEW SERVER STATE.
SELECT m.queue_id,
       m.state,
       m.tasks_waiting,
       m.last_activated_time,
       m.last_empty_rowset_time
FROM sys.dm_broker_queue_monitors AS m
WHERE m.database_id = DB_ID();

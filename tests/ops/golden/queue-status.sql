-- query: ops.queue_status
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]
    WITH STATUS = OFF;
-- parameters:

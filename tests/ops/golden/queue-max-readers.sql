-- query: ops.queue_max_readers
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]
    WITH ACTIVATION (MAX_QUEUE_READERS = 7);
-- parameters:

-- query: ops.queue_activation
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]
    WITH ACTIVATION (STATUS = OFF);
-- parameters:

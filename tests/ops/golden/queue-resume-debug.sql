-- query: ops.queue_resume_debug
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]
    WITH STATUS = ON, ACTIVATION (STATUS = OFF);
-- parameters:

-- query: ops.browse_queue
SELECT TOP (@P1)
       q.status,
       q.priority,
       q.queuing_order,
       q.conversation_group_id,
       q.conversation_handle,
       q.message_sequence_number,
       CAST(q.service_name AS nvarchar(1536)) AS service_name,
       CAST(q.service_contract_name AS nvarchar(768)) AS service_contract_name,
       CAST(q.message_type_name AS nvarchar(768)) AS message_type_name,
       q.validation,
       DATALENGTH(q.message_body) AS body_size
FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] AS q
WHERE q.queuing_order > @P2
ORDER BY q.queuing_order;
-- parameters:
--   @P1 int = 200  -- rows
--   @P2 bigint = 1234  -- after queuing_order

-- query: ops.browse_queue
--# A SELECT on a queue reads its messages without removing them. Queue columns: CREATE QUEUE
--# (Transact-SQL), "Queue columns", https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql
--# (status tinyint, priority tinyint, queuing_order bigint, conversation_group_id and
--# conversation_handle uniqueidentifier, message_sequence_number bigint, service_name nvarchar(512),
--# service_contract_name and message_type_name nvarchar(256), validation nchar(2), message_body varbinary(max)).
--# Keyset paging on queuing_order (@P2 = the last one shown), @P1 rows: a page deep in a queue
--# reads what the first page reads. Bodies are not read, only DATALENGTH (browse_body.sql fetches one).
--# Name columns are CAST to nvarchar(3n) for QODBC's narrow mode (docs/odbc-data-path.md).
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
FROM {{Schema}}.{{Queue}} AS q
WHERE q.queuing_order > @P2
ORDER BY q.queuing_order;

-- query: ops.conversation_transmission
--# sys.transmission_queue (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql
--# The messages of one conversation endpoint that wait to be sent, oldest first.
SELECT t.conversation_handle,
       CAST(t.to_service_name AS nvarchar(768)) AS to_service_name,
       CAST(t.to_broker_instance AS nvarchar(384)) AS to_broker_instance,
       CAST(t.from_service_name AS nvarchar(768)) AS from_service_name,
       CAST(t.message_type_name AS nvarchar(768)) AS message_type_name,
       t.enqueue_time,
       t.message_sequence_number,
       t.is_end_of_dialog,
       t.is_conversation_error,
       t.transmission_status
FROM sys.transmission_queue AS t
WHERE t.conversation_handle = CONVERT(uniqueidentifier, @P1)
ORDER BY t.message_sequence_number;

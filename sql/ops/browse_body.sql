-- query: ops.browse_body
--# One message's body, capped: its whole size (DATALENGTH) and its first bytes (the cap, BodyCapBytes = 1 MiB)
--# (SUBSTRING on varbinary(max): https://learn.microsoft.com/sql/t-sql/functions/substring-transact-sql).
--# A conversation's message is identified by conversation_handle and message_sequence_number
--# (CREATE QUEUE, queue columns: https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql).
SELECT DATALENGTH(q.message_body) AS body_size,
       SUBSTRING(q.message_body, 1, {{Cap}}) AS body_head
FROM {{Schema}}.{{Queue}} AS q
WHERE q.conversation_handle = CONVERT(uniqueidentifier, @P1)
  AND q.message_sequence_number = @P2;

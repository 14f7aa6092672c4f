-- query: ops.browse_body
SELECT DATALENGTH(q.message_body) AS body_size,
       SUBSTRING(q.message_body, 1, 1048576) AS body_head
FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] AS q
WHERE q.conversation_handle = CONVERT(uniqueidentifier, @P1)
  AND q.message_sequence_number = @P2;
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle (bound as its text)
--   @P2 bigint = 3  -- message_sequence_number

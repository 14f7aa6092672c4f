-- query: ops.conversation_endpoints
SELECT ce.conversation_handle,
       ce.conversation_id,
       ce.conversation_group_id,
       ce.is_initiator,
       ce.state,
       CAST(s.name AS nvarchar(384)) AS local_service,
       CAST(ce.far_service AS nvarchar(768)) AS far_service,
       ce.lifetime,
       ce.security_timestamp
FROM sys.conversation_endpoints AS ce
JOIN sys.services AS s ON s.service_id = ce.service_id
WHERE ce.conversation_id IN (SELECT c.conversation_id
                             FROM sys.conversation_endpoints AS c
                             WHERE c.conversation_handle = CONVERT(uniqueidentifier, @P1));
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- conversation handle (bound as its text)

-- query: ops.pair_conversations
SELECT TOP (@P1) ce.conversation_handle,
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
WHERE s.name = CAST(@P2 AS nvarchar(256))
  AND ce.far_service = CAST(@P3 AS nvarchar(256))
  AND ce.state = @P4
ORDER BY ce.lifetime;
-- parameters:
--   @P1 int = 200  -- rows
--   @P2 nvarchar(256) = "Q'; DROP TABLE t; -- [x] "y" Очередь"  -- local service (bound as UTF-16LE bytes)
--   @P3 nvarchar(256) = "//Far]'side"  -- far service (bound as UTF-16LE bytes)
--   @P4 char(2) = "CD"  -- state

-- query: ops.pair_conversations
--# The endpoints of one service pair in one state (a row of the monitor's Endpoints table), oldest
--# lifetime first, to open one conversation from them. Read-only.
--# sys.conversation_endpoints (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# The services' names are bound as UTF-16LE bytes and CAST back (ParameterWire in
--# app/core/ops/operation.h); the state is its two-letter code (char(2)).
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

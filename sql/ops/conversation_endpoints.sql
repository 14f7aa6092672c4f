-- query: ops.conversation_endpoints
--# sys.conversation_endpoints (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# Both sides of one conversation share conversation_id; when both are in this database both rows
--# come back. lifetime and security_timestamp are datetime; security_timestamp 1900-01-01 = never set.
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

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

-- query: ops.browse_quarantine
IF OBJECT_ID(N'dbo.BrokerPoisonQuarantine', N'U') IS NOT NULL
    SELECT TOP (@P1) quarantined_at, queue_name, conversation_handle, message_type_name, service_name,
           validation, DATALENGTH(message_body) AS body_size
    FROM dbo.BrokerPoisonQuarantine
    ORDER BY quarantined_at DESC;
-- parameters:
--   @P1 int = 200  -- rows

-- query: ops.browse_quarantine
--# The quarantine table of poison triage plan (a) (sql/ops/poison_quarantine_steps.sql), newest
--# first, without the bodies (DATALENGTH only; a body is read on demand). Read-only.
--# DATALENGTH: https://learn.microsoft.com/sql/t-sql/functions/datalength-transact-sql
IF OBJECT_ID(N'dbo.BrokerPoisonQuarantine', N'U') IS NOT NULL
    SELECT TOP (@P1) quarantined_at, queue_name, conversation_handle, message_type_name, service_name,
           validation, DATALENGTH(message_body) AS body_size
    FROM dbo.BrokerPoisonQuarantine
    ORDER BY quarantined_at DESC;

-- query: ops.poison_quarantine
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] WITH STATUS = ON, ACTIVATION (STATUS = OFF);
-- Set the poison conversation aside: copy its messages into dbo.BrokerPoisonQuarantine, then end it
-- WITH ERROR (the far side learns why; its messages leave the queue). Removing poison messages:
-- https://learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages
IF OBJECT_ID(N'dbo.BrokerPoisonQuarantine', N'U') IS NULL
    CREATE TABLE dbo.BrokerPoisonQuarantine (
        quarantined_at datetime2 NOT NULL DEFAULT SYSUTCDATETIME(),
        queue_name nvarchar(300) NOT NULL,
        conversation_handle uniqueidentifier NOT NULL,
        message_type_name nvarchar(256) NULL,
        service_name nvarchar(512) NULL,
        validation nchar(2) NULL,
        message_body varbinary(max) NULL);
BEGIN TRANSACTION;
INSERT INTO dbo.BrokerPoisonQuarantine
    (queue_name, conversation_handle, message_type_name, service_name, validation, message_body)
SELECT N'[we]]ird].[Q''; DROP TABLE t; -- [x]] "y" Очередь]', conversation_handle, message_type_name, service_name, validation, message_body
FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]
WHERE conversation_handle = @handle;
END CONVERSATION @handle WITH ERROR = 127 DESCRIPTION = N'Poison message set aside by the DBA';
COMMIT TRANSACTION;
ALTER QUEUE [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] WITH ACTIVATION (STATUS = ON);
-- parameters:
--   @P1 uniqueidentifier = 5F3C2A1B-0D4E-4F60-8A7B-9C0D1E2F3A4B  -- poison conversation handle (bound as its text)

-- Orders pipeline, release 4.2
-- Run in SQLCMD mode or SSMS. Objects other than broker objects are deployed too.
SET NOCOUNT ON;
GO
IF OBJECT_ID(N'dbo.OrderLog', N'U') IS NULL
    CREATE TABLE dbo.OrderLog (id int IDENTITY PRIMARY KEY, body xml NULL, received datetime2 NOT NULL DEFAULT SYSUTCDATETIME());
GO
/* Message types: /* nested comment */ still a comment */
create message type [//Orders/Submit] validation = well_formed_xml;
create message type [//Orders/Ack]
    validation = empty
GO 
-- the contract, with a comment between the usages
CREATE CONTRACT [//Orders/Contract]
(
    [//Orders/Submit] SENT BY INITIATOR, -- the order
    /* what comes back */ [//Orders/Ack] SENT BY TARGET
);
GO
CREATE PROCEDURE dbo.Orders_Activate
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @h uniqueidentifier, @t sysname, @b xml;
    WHILE 1 = 1
    BEGIN
        BEGIN TRANSACTION;
        WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name, @b = CAST(message_body AS xml)
                 FROM dbo.OrdersQueue), TIMEOUT 5000;
        IF @@ROWCOUNT = 0 BEGIN ROLLBACK; BREAK; END;
        -- CREATE QUEUE inside a procedure body is code, not a broker object of this script
        IF @t = N'//Orders/Submit'
        BEGIN
            INSERT dbo.OrderLog (body) VALUES (@b);
            SEND ON CONVERSATION @h MESSAGE TYPE [//Orders/Ack];
            END CONVERSATION @h;
        END
        COMMIT;
    END
END
GO
CREATE QUEUE OrdersQueue
    WITH ACTIVATION (PROCEDURE_NAME = dbo.Orders_Activate, MAX_QUEUE_READERS = 4, EXECUTE AS SELF)
GO
CREATE QUEUE dbo.OrdersClientQueue;
CREATE SERVICE [//Orders/Service] ON QUEUE OrdersQueue ([//Orders/Contract]);
CREATE SERVICE [//Orders/Client] ON QUEUE dbo.OrdersClientQueue;
GO
GRANT SEND ON SERVICE::[//Orders/Service] TO [public];
GO

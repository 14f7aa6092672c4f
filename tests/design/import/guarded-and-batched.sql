-- A re-runnable deployment: IF guards, BEGIN ... END, TRY ... CATCH, GO with a count in odd places.
IF NOT EXISTS (SELECT * FROM sys.service_message_types WHERE name = N'//Audit/Event')
BEGIN
    CREATE MESSAGE TYPE [//Audit/Event] VALIDATION = NONE
END
GO
BEGIN TRY
    IF NOT EXISTS (SELECT * FROM sys.service_contracts WHERE name = N'//Audit/Contract')
        CREATE CONTRACT [//Audit/Contract] ([//Audit/Event] SENT BY INITIATOR)
END TRY
BEGIN CATCH
    PRINT ERROR_MESSAGE();
END CATCH
GO
IF OBJECT_ID(N'[dbo].[AuditQueue]', N'SQ') IS NULL CREATE QUEUE [dbo].[AuditQueue] WITH RETENTION = OFF
go -- lower-case GO with a comment
IF NOT EXISTS (SELECT * FROM sys.services WHERE name = N'//Audit/Receiver')
    CREATE SERVICE [//Audit/Receiver] ON QUEUE [dbo].[AuditQueue] ([//Audit/Contract]);
ELSE
    PRINT N'//Audit/Receiver exists';
GO 1
EXEC sp_executesql N'CREATE QUEUE [NotRead]'; -- dynamic SQL is not read
GO

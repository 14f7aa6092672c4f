-- Service Broker objects of SalesOps, written by Broker Studio.
-- Order: message types, contracts, queues, services, routes, remote service bindings.
-- Re-runnable: each object is created only when it does not exist yet; existing objects are not changed (use a migration script for that).

-- Message types
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Contoso/Orders/Task')
    CREATE MESSAGE TYPE [//Contoso/Orders/Task] VALIDATION = WELL_FORMED_XML;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Contoso/Orders/EndOfStream')
    CREATE MESSAGE TYPE [//Contoso/Orders/EndOfStream] VALIDATION = EMPTY;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Contoso/Orders/Result')
    CREATE MESSAGE TYPE [//Contoso/Orders/Result] VALIDATION = WELL_FORMED_XML;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Contoso/Audit/Event')
    CREATE MESSAGE TYPE [//Contoso/Audit/Event] VALIDATION = NONE;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Fabrikam/Billing/Invoice')
    CREATE MESSAGE TYPE [//Fabrikam/Billing/Invoice] VALIDATION = WELL_FORMED_XML;

-- Contracts
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Contoso/Orders/Contract')
    CREATE CONTRACT [//Contoso/Orders/Contract]
        ([//Contoso/Orders/Task] SENT BY INITIATOR,
         [//Contoso/Orders/EndOfStream] SENT BY INITIATOR,
         [//Contoso/Orders/Result] SENT BY TARGET);
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Contoso/Audit/Contract')
    CREATE CONTRACT [//Contoso/Audit/Contract]
        ([//Contoso/Audit/Event] SENT BY INITIATOR);
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Fabrikam/Billing/Contract')
    CREATE CONTRACT [//Fabrikam/Billing/Contract]
        ([//Fabrikam/Billing/Invoice] SENT BY ANY);

-- Queues
IF OBJECT_ID(N'[dbo].[OrdersInitiatorQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[OrdersInitiatorQueue]
        WITH STATUS = ON,
             RETENTION = OFF,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Orders_Initiator], MAX_QUEUE_READERS = 1, EXECUTE AS OWNER),
             POISON_MESSAGE_HANDLING (STATUS = ON);
IF OBJECT_ID(N'[dbo].[OrdersTargetQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[OrdersTargetQueue]
        WITH STATUS = ON,
             RETENTION = OFF,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Orders_Target], MAX_QUEUE_READERS = 8, EXECUTE AS OWNER),
             POISON_MESSAGE_HANDLING (STATUS = ON);
IF OBJECT_ID(N'[dbo].[AuditSenderQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[AuditSenderQueue]
        WITH STATUS = ON,
             RETENTION = OFF,
             POISON_MESSAGE_HANDLING (STATUS = ON);
IF OBJECT_ID(N'[dbo].[AuditQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[AuditQueue]
        WITH STATUS = OFF,
             RETENTION = OFF,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Audit_Receive], MAX_QUEUE_READERS = 4, EXECUTE AS OWNER),
             POISON_MESSAGE_HANDLING (STATUS = ON);
IF OBJECT_ID(N'[dbo].[BillingOutboundQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[BillingOutboundQueue]
        WITH STATUS = ON,
             RETENTION = OFF,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Billing_Replies], MAX_QUEUE_READERS = 2, EXECUTE AS OWNER),
             POISON_MESSAGE_HANDLING (STATUS = ON);

-- Services
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Contoso/Orders/Initiator')
    CREATE SERVICE [//Contoso/Orders/Initiator] ON QUEUE [dbo].[OrdersInitiatorQueue];
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Contoso/Orders/Target')
    CREATE SERVICE [//Contoso/Orders/Target] ON QUEUE [dbo].[OrdersTargetQueue] ([//Contoso/Orders/Contract]);
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Contoso/Audit/Sender')
    CREATE SERVICE [//Contoso/Audit/Sender] ON QUEUE [dbo].[AuditSenderQueue];
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Contoso/Audit/Receiver')
    CREATE SERVICE [//Contoso/Audit/Receiver] ON QUEUE [dbo].[AuditQueue] ([//Contoso/Audit/Contract]);
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Contoso/Billing/Client')
    CREATE SERVICE [//Contoso/Billing/Client] ON QUEUE [dbo].[BillingOutboundQueue] ([//Fabrikam/Billing/Contract]);

-- Routes
IF NOT EXISTS (SELECT 1 FROM sys.routes WHERE name = N'BillingRoute')
    CREATE ROUTE [BillingRoute]
        WITH SERVICE_NAME = N'//Fabrikam/Billing/Service',
             BROKER_INSTANCE = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301',
             ADDRESS = N'TCP://billing.fabrikam.example:4022';

-- Remote service bindings
-- NOT WRITTEN: remote service binding [BillingBinding]: WITH USER is required and not known (sys.remote_service_bindings has only remote_principal_id).


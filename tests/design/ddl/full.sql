-- Service Broker objects of Full, written by Broker Studio.
-- Order: message types, contracts, queues, services, routes, remote service bindings.
-- Re-runnable: each object is created only when it does not exist yet; existing objects are not changed (use a migration script for that).

-- Message types
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Full/Request')
    CREATE MESSAGE TYPE [//Full/Request] AUTHORIZATION [dbo] VALIDATION = VALID_XML WITH SCHEMA COLLECTION [dbo].[RequestSchemas];
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Full/Reply')
    CREATE MESSAGE TYPE [//Full/Reply] VALIDATION = WELL_FORMED_XML;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Full/Ping')
    CREATE MESSAGE TYPE [//Full/Ping] VALIDATION = EMPTY;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'//Full/Blob')
    CREATE MESSAGE TYPE [//Full/Blob] VALIDATION = NONE;

-- Contracts
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Full/Contract')
    CREATE CONTRACT [//Full/Contract] AUTHORIZATION [dbo]
        ([//Full/Request] SENT BY INITIATOR,
         [//Full/Reply] SENT BY TARGET,
         [//Full/Ping] SENT BY ANY);
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'//Full/Blobs')
    CREATE CONTRACT [//Full/Blobs]
        ([//Full/Blob] SENT BY INITIATOR,
         [DEFAULT] SENT BY ANY);

-- Queues
IF OBJECT_ID(N'[app].[TargetQueue]', N'SQ') IS NULL
    CREATE QUEUE [app].[TargetQueue]
        WITH STATUS = ON,
             RETENTION = OFF,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 8, EXECUTE AS N'broker_user'),
             POISON_MESSAGE_HANDLING (STATUS = ON);
IF OBJECT_ID(N'[dbo].[InitiatorQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[InitiatorQueue]
        WITH STATUS = ON,
             RETENTION = ON,
             ACTIVATION (STATUS = OFF, PROCEDURE_NAME = [dbo].[Initiator_Replies], MAX_QUEUE_READERS = 1, EXECUTE AS SELF),
             POISON_MESSAGE_HANDLING (STATUS = OFF);
IF OBJECT_ID(N'[dbo].[ParkedQueue]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[ParkedQueue]
        WITH STATUS = OFF,
             RETENTION = OFF,
             POISON_MESSAGE_HANDLING (STATUS = ON);

-- Services
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Full/Target')
    CREATE SERVICE [//Full/Target] AUTHORIZATION [dbo] ON QUEUE [app].[TargetQueue] ([//Full/Contract], [DEFAULT]);
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Full/Initiator')
    CREATE SERVICE [//Full/Initiator] ON QUEUE [dbo].[InitiatorQueue];
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//Full/Parked')
    CREATE SERVICE [//Full/Parked] ON QUEUE [dbo].[ParkedQueue] ([//Full/Blobs]);

-- Routes
IF NOT EXISTS (SELECT 1 FROM sys.routes WHERE name = N'RemoteRoute')
    CREATE ROUTE [RemoteRoute] AUTHORIZATION [dbo]
        WITH SERVICE_NAME = N'//Remote/Service',
             BROKER_INSTANCE = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301',
             LIFETIME = 86400,
             ADDRESS = N'TCP://remote.example:4022',
             MIRROR_ADDRESS = N'TCP://mirror.example:4022';
IF NOT EXISTS (SELECT 1 FROM sys.routes WHERE name = N'AnyRoute')
    CREATE ROUTE [AnyRoute]
        WITH ADDRESS = N'TRANSPORT';

-- Remote service bindings
IF NOT EXISTS (SELECT 1 FROM sys.remote_service_bindings WHERE name = N'RemoteBinding')
    CREATE REMOTE SERVICE BINDING [RemoteBinding] AUTHORIZATION [dbo] TO SERVICE N'//Remote/Service' WITH USER = [remote_cert_user], ANONYMOUS = ON;


-- Service Broker objects of Host]ile'DB, written by Broker Studio.
-- Order: message types, contracts, queues, services, routes, remote service bindings.
-- Re-runnable: each object is created only when it does not exist yet; existing objects are not changed (use a migration script for that).

-- Message types
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'Type]]with]brackets')
    CREATE MESSAGE TYPE [Type]]]]with]]brackets] VALIDATION = NONE;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'O''Brien''s type')
    CREATE MESSAGE TYPE [O'Brien's type] VALIDATION = EMPTY;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'Überweisung/Zahlung/日本語/Ωμέγα')
    CREATE MESSAGE TYPE [Überweisung/Zahlung/日本語/Ωμέγα] VALIDATION = WELL_FORMED_XML;
IF NOT EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = N'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
    CREATE MESSAGE TYPE [xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx] VALIDATION = NONE;

-- Contracts
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'--not a comment /* nor this */')
    CREATE CONTRACT [--not a comment /* nor this */]
        ([Type]]]]with]]brackets] SENT BY INITIATOR,
         [O'Brien's type] SENT BY TARGET,
         [Überweisung/Zahlung/日本語/Ωμέγα] SENT BY ANY);
IF NOT EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = N'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
    CREATE CONTRACT [xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]
        ([xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx] SENT BY INITIATOR,
         [DEFAULT] SENT BY ANY);

-- Queues
IF OBJECT_ID(N'[sch]]ema''].[Queue [1]] ''é'']', N'SQ') IS NULL
    CREATE QUEUE [sch]]ema'].[Queue [1]] 'é']
        WITH STATUS = ON,
             RETENTION = ON,
             ACTIVATION (STATUS = ON, PROCEDURE_NAME = [sch]]ema'].[Proc ']]x], MAX_QUEUE_READERS = 3, EXECUTE AS OWNER),
             POISON_MESSAGE_HANDLING (STATUS = OFF);
IF OBJECT_ID(N'[dbo].[xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]', N'SQ') IS NULL
    CREATE QUEUE [dbo].[xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]
        WITH STATUS = OFF,
             RETENTION = OFF,
             POISON_MESSAGE_HANDLING (STATUS = ON);

-- Services
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'//svc/''quoted'']')
    CREATE SERVICE [//svc/'quoted']]] ON QUEUE [sch]]ema'].[Queue [1]] 'é'] ([--not a comment /* nor this */], [xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]);
IF NOT EXISTS (SELECT 1 FROM sys.services WHERE name = N'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
    CREATE SERVICE [xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx] ON QUEUE [dbo].[xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx];

-- Routes
IF NOT EXISTS (SELECT 1 FROM sys.routes WHERE name = N'Route ]'' 日本')
    CREATE ROUTE [Route ]]' 日本]
        WITH SERVICE_NAME = N'//remote/O''Neil]',
             BROKER_INSTANCE = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301',
             ADDRESS = N'TCP://host''x:4022',
             MIRROR_ADDRESS = N'TCP://mirror:4022';


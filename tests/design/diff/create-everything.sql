create message type [//Full/Request]
create message type [//Full/Reply]
create message type [//Full/Ping]
create message type [//Full/Blob]
create contract [//Full/Contract]
create contract [//Full/Blobs]
create queue [app].[TargetQueue]
create queue [dbo].[InitiatorQueue]
create queue [dbo].[ParkedQueue]
create service [//Full/Target]
create service [//Full/Initiator]
create service [//Full/Parked]
create route [RemoteRoute]
create route [AnyRoute]
create remote service binding [RemoteBinding]

-- Migration written by Broker Studio: from before to after.
-- 15 change(s), 0 with a warning. Review before running; it runs as one transaction.
--   create message type [//Full/Request]
--   create message type [//Full/Reply]
--   create message type [//Full/Ping]
--   create message type [//Full/Blob]
--   create contract [//Full/Contract]
--   create contract [//Full/Blobs]
--   create queue [app].[TargetQueue]
--   create queue [dbo].[InitiatorQueue]
--   create queue [dbo].[ParkedQueue]
--   create service [//Full/Target]
--   create service [//Full/Initiator]
--   create service [//Full/Parked]
--   create route [RemoteRoute]
--   create route [AnyRoute]
--   create remote service binding [RemoteBinding]

SET XACT_ABORT ON;
BEGIN TRANSACTION;

CREATE MESSAGE TYPE [//Full/Request] AUTHORIZATION [dbo] VALIDATION = VALID_XML WITH SCHEMA COLLECTION [dbo].[RequestSchemas];
CREATE MESSAGE TYPE [//Full/Reply] VALIDATION = WELL_FORMED_XML;
CREATE MESSAGE TYPE [//Full/Ping] VALIDATION = EMPTY;
CREATE MESSAGE TYPE [//Full/Blob] VALIDATION = NONE;
CREATE CONTRACT [//Full/Contract] AUTHORIZATION [dbo]
    ([//Full/Request] SENT BY INITIATOR,
     [//Full/Reply] SENT BY TARGET,
     [//Full/Ping] SENT BY ANY);
CREATE CONTRACT [//Full/Blobs]
    ([//Full/Blob] SENT BY INITIATOR,
     [DEFAULT] SENT BY ANY);
CREATE QUEUE [app].[TargetQueue]
    WITH STATUS = ON,
         RETENTION = OFF,
         ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 8, EXECUTE AS N'broker_user'),
         POISON_MESSAGE_HANDLING (STATUS = ON);
CREATE QUEUE [dbo].[InitiatorQueue]
    WITH STATUS = ON,
         RETENTION = ON,
         ACTIVATION (STATUS = OFF, PROCEDURE_NAME = [dbo].[Initiator_Replies], MAX_QUEUE_READERS = 1, EXECUTE AS SELF),
         POISON_MESSAGE_HANDLING (STATUS = OFF);
CREATE QUEUE [dbo].[ParkedQueue]
    WITH STATUS = OFF,
         RETENTION = OFF,
         POISON_MESSAGE_HANDLING (STATUS = ON);
CREATE SERVICE [//Full/Target] AUTHORIZATION [dbo] ON QUEUE [app].[TargetQueue] ([//Full/Contract], [DEFAULT]);
CREATE SERVICE [//Full/Initiator] ON QUEUE [dbo].[InitiatorQueue];
CREATE SERVICE [//Full/Parked] ON QUEUE [dbo].[ParkedQueue] ([//Full/Blobs]);
CREATE ROUTE [RemoteRoute] AUTHORIZATION [dbo]
    WITH SERVICE_NAME = N'//Remote/Service',
         BROKER_INSTANCE = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301',
         LIFETIME = 86400,
         ADDRESS = N'TCP://remote.example:4022',
         MIRROR_ADDRESS = N'TCP://mirror.example:4022';
CREATE ROUTE [AnyRoute]
    WITH ADDRESS = N'TRANSPORT';
CREATE REMOTE SERVICE BINDING [RemoteBinding] AUTHORIZATION [dbo] TO SERVICE N'//Remote/Service' WITH USER = [remote_cert_user], ANONYMOUS = ON;

COMMIT TRANSACTION;

drop message type [//Full/Request]
drop message type [//Full/Reply]
drop message type [//Full/Ping]
drop message type [//Full/Blob]
drop contract [//Full/Contract]
    WARNING: conversations of [//Full/Target] on this contract receive an error
drop contract [//Full/Blobs]
    WARNING: conversations of [//Full/Parked] on this contract receive an error
drop queue [app].[TargetQueue]
    WARNING: dropping a queue deletes every message in it
drop queue [dbo].[InitiatorQueue]
    WARNING: dropping a queue deletes every message in it
drop queue [dbo].[ParkedQueue]
    WARNING: dropping a queue deletes every message in it
drop service [//Full/Target]
    WARNING: dropping a service ends its conversations with an error
drop service [//Full/Initiator]
    WARNING: dropping a service ends its conversations with an error
drop service [//Full/Parked]
    WARNING: dropping a service ends its conversations with an error
drop route [RemoteRoute]
    WARNING: messages to its service wait in sys.transmission_queue until another route matches
drop route [AnyRoute]
    WARNING: messages to its service wait in sys.transmission_queue until another route matches
drop remote service binding [RemoteBinding]
    WARNING: new conversations to the remote service no longer find this binding's certificate

-- Migration written by Broker Studio: from before to after.
-- 15 change(s), 11 with a warning. Review before running; it runs as one transaction.
--   drop message type [//Full/Request]
--   drop message type [//Full/Reply]
--   drop message type [//Full/Ping]
--   drop message type [//Full/Blob]
--   drop contract [//Full/Contract]
--   drop contract [//Full/Blobs]
--   drop queue [app].[TargetQueue]
--   drop queue [dbo].[InitiatorQueue]
--   drop queue [dbo].[ParkedQueue]
--   drop service [//Full/Target]
--   drop service [//Full/Initiator]
--   drop service [//Full/Parked]
--   drop route [RemoteRoute]
--   drop route [AnyRoute]
--   drop remote service binding [RemoteBinding]

SET XACT_ABORT ON;
BEGIN TRANSACTION;

-- WARNING: conversations of [//Full/Target] on this contract receive an error
ALTER SERVICE [//Full/Target] (DROP CONTRACT [//Full/Contract]);
-- WARNING: conversations of [//Full/Parked] on this contract receive an error
ALTER SERVICE [//Full/Parked] (DROP CONTRACT [//Full/Blobs]);
-- WARNING: new conversations to the remote service no longer find this binding's certificate
DROP REMOTE SERVICE BINDING [RemoteBinding];
-- WARNING: messages to its service wait in sys.transmission_queue until another route matches
DROP ROUTE [RemoteRoute];
-- WARNING: messages to its service wait in sys.transmission_queue until another route matches
DROP ROUTE [AnyRoute];
-- WARNING: dropping a service ends its conversations with an error
DROP SERVICE [//Full/Target];
-- WARNING: dropping a service ends its conversations with an error
DROP SERVICE [//Full/Initiator];
-- WARNING: dropping a service ends its conversations with an error
DROP SERVICE [//Full/Parked];
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [app].[TargetQueue];
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [dbo].[InitiatorQueue];
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [dbo].[ParkedQueue];
DROP CONTRACT [//Full/Contract];
DROP CONTRACT [//Full/Blobs];
DROP MESSAGE TYPE [//Full/Request];
DROP MESSAGE TYPE [//Full/Reply];
DROP MESSAGE TYPE [//Full/Ping];
DROP MESSAGE TYPE [//Full/Blob];

COMMIT TRANSACTION;

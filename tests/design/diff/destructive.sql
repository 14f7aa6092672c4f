drop message type [//Full/Blob]
drop contract [//Full/Blobs]
    WARNING: conversations of [//Full/Parked] on this contract receive an error
drop queue [app].[TargetQueue]
    WARNING: dropping a queue deletes every message in it
alter service [//Full/Parked]
    contracts: //Full/Blobs → (none)
drop service [//Full/Target]
    WARNING: dropping a service ends its conversations with an error
drop route [AnyRoute]
    WARNING: messages to its service wait in sys.transmission_queue until another route matches
drop remote service binding [RemoteBinding]
    WARNING: new conversations to the remote service no longer find this binding's certificate

-- Migration written by Broker Studio: from before to after.
-- 7 change(s), 5 with a warning. Review before running; it runs as one transaction.
--   drop message type [//Full/Blob]
--   drop contract [//Full/Blobs]
--   drop queue [app].[TargetQueue]
--   alter service [//Full/Parked]
--       contracts: //Full/Blobs → (none)
--   drop service [//Full/Target]
--   drop route [AnyRoute]
--   drop remote service binding [RemoteBinding]

SET XACT_ABORT ON;
BEGIN TRANSACTION;

-- WARNING: conversations of [//Full/Parked] on this contract receive an error
ALTER SERVICE [//Full/Parked] (DROP CONTRACT [//Full/Blobs]);
-- WARNING: new conversations to the remote service no longer find this binding's certificate
DROP REMOTE SERVICE BINDING [RemoteBinding];
-- WARNING: messages to its service wait in sys.transmission_queue until another route matches
DROP ROUTE [AnyRoute];
-- WARNING: dropping a service ends its conversations with an error
DROP SERVICE [//Full/Target];
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [app].[TargetQueue];
DROP CONTRACT [//Full/Blobs];
DROP MESSAGE TYPE [//Full/Blob];

COMMIT TRANSACTION;

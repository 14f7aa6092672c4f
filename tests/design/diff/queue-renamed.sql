create queue [app].[TargetQueue2]
drop queue [app].[TargetQueue]
    WARNING: dropping a queue deletes every message in it
alter service [//Full/Target]
    ON QUEUE: [app].[TargetQueue] → [app].[TargetQueue2]

-- Migration written by Broker Studio: from before to after.
-- 3 change(s), 1 with a warning. Review before running; it runs as one transaction.
--   create queue [app].[TargetQueue2]
--   drop queue [app].[TargetQueue]
--   alter service [//Full/Target]
--       ON QUEUE: [app].[TargetQueue] → [app].[TargetQueue2]

SET XACT_ABORT ON;
BEGIN TRANSACTION;

CREATE QUEUE [app].[TargetQueue2]
    WITH STATUS = ON,
         RETENTION = OFF,
         ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 8, EXECUTE AS N'broker_user'),
         POISON_MESSAGE_HANDLING (STATUS = ON);
ALTER SERVICE [//Full/Target] ON QUEUE [app].[TargetQueue2];
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [app].[TargetQueue];

COMMIT TRANSACTION;

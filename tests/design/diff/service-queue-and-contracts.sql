create queue [dbo].[NewQueue]
drop queue [dbo].[ParkedQueue]
    WARNING: dropping a queue deletes every message in it
alter service [//Full/Parked]
    ON QUEUE: [dbo].[ParkedQueue] → [dbo].[NewQueue]
    contracts: //Full/Blobs → //Full/Contract
    WARNING: conversations of this service on a dropped contract receive an error

-- Migration written by Broker Studio: from before to after.
-- 3 change(s), 2 with a warning. Review before running; it runs as one transaction.
--   create queue [dbo].[NewQueue]
--   drop queue [dbo].[ParkedQueue]
--   alter service [//Full/Parked]
--       ON QUEUE: [dbo].[ParkedQueue] → [dbo].[NewQueue]
--       contracts: //Full/Blobs → //Full/Contract

SET XACT_ABORT ON;
BEGIN TRANSACTION;

CREATE QUEUE [dbo].[NewQueue]
    WITH STATUS = ON,
         RETENTION = OFF,
         POISON_MESSAGE_HANDLING (STATUS = ON);
-- WARNING: conversations of this service on a dropped contract receive an error
ALTER SERVICE [//Full/Parked] ON QUEUE [dbo].[NewQueue] (ADD CONTRACT [//Full/Contract], DROP CONTRACT [//Full/Blobs]);
-- WARNING: dropping a queue deletes every message in it
DROP QUEUE [dbo].[ParkedQueue];

COMMIT TRANSACTION;

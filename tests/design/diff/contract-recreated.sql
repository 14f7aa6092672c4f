drop and create contract [//Full/Contract]
    message types: [//Full/Request] SENT BY INITIATOR, [//Full/Reply] SENT BY TARGET, [//Full/Ping] SENT BY ANY → [//Full/Request] SENT BY INITIATOR, [//Full/Reply] SENT BY TARGET, [//Full/Ping] SENT BY ANY, [//Full/Blob] SENT BY TARGET
    WARNING: conversations of [//Full/Target] on this contract receive an error
    WARNING: T-SQL has no ALTER CONTRACT: the contract is dropped and created again
alter service [//Full/Target]
    contract [//Full/Contract] accepted again after it is created again

-- Migration written by Broker Studio: from before to after.
-- 2 change(s), 1 with a warning. Review before running; it runs as one transaction.
--   drop and create contract [//Full/Contract]
--       message types: [//Full/Request] SENT BY INITIATOR, [//Full/Reply] SENT BY TARGET, [//Full/Ping] SENT BY ANY → [//Full/Request] SENT BY INITIATOR, [//Full/Reply] SENT BY TARGET, [//Full/Ping] SENT BY ANY, [//Full/Blob] SENT BY TARGET
--   alter service [//Full/Target]
--       contract [//Full/Contract] accepted again after it is created again

SET XACT_ABORT ON;
BEGIN TRANSACTION;

-- WARNING: conversations of [//Full/Target] on this contract receive an error
ALTER SERVICE [//Full/Target] (DROP CONTRACT [//Full/Contract]);
-- WARNING: T-SQL has no ALTER CONTRACT: the contract is dropped and created again
DROP CONTRACT [//Full/Contract];
CREATE CONTRACT [//Full/Contract] AUTHORIZATION [dbo]
    ([//Full/Request] SENT BY INITIATOR,
     [//Full/Reply] SENT BY TARGET,
     [//Full/Ping] SENT BY ANY,
     [//Full/Blob] SENT BY TARGET);
ALTER SERVICE [//Full/Target] (ADD CONTRACT [//Full/Contract]);

COMMIT TRANSACTION;

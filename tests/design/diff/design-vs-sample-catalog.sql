create message type [//Contoso/Orders/Cancel]
drop and create contract [//Contoso/Orders/Contract]
    message types: [//Contoso/Orders/Task] SENT BY INITIATOR, [//Contoso/Orders/EndOfStream] SENT BY INITIATOR, [//Contoso/Orders/Result] SENT BY TARGET → [//Contoso/Orders/Task] SENT BY INITIATOR, [//Contoso/Orders/EndOfStream] SENT BY INITIATOR, [//Contoso/Orders/Result] SENT BY TARGET, [//Contoso/Orders/Cancel] SENT BY INITIATOR
    WARNING: conversations of [//Contoso/Orders/Target] on this contract receive an error
    WARNING: T-SQL has no ALTER CONTRACT: the contract is dropped and created again
alter queue [dbo].[AuditQueue]
    STATUS: OFF → ON
alter service [//Contoso/Orders/Target]
    contract [//Contoso/Orders/Contract] accepted again after it is created again
alter remote service binding [BillingBinding]
    USER: (not known) → BillingCertUser

-- Migration written by Broker Studio: from before to after.
-- 5 change(s), 1 with a warning. Review before running; it runs as one transaction.
--   create message type [//Contoso/Orders/Cancel]
--   drop and create contract [//Contoso/Orders/Contract]
--       message types: [//Contoso/Orders/Task] SENT BY INITIATOR, [//Contoso/Orders/EndOfStream] SENT BY INITIATOR, [//Contoso/Orders/Result] SENT BY TARGET → [//Contoso/Orders/Task] SENT BY INITIATOR, [//Contoso/Orders/EndOfStream] SENT BY INITIATOR, [//Contoso/Orders/Result] SENT BY TARGET, [//Contoso/Orders/Cancel] SENT BY INITIATOR
--   alter queue [dbo].[AuditQueue]
--       STATUS: OFF → ON
--   alter service [//Contoso/Orders/Target]
--       contract [//Contoso/Orders/Contract] accepted again after it is created again
--   alter remote service binding [BillingBinding]
--       USER: (not known) → BillingCertUser

SET XACT_ABORT ON;
BEGIN TRANSACTION;

CREATE MESSAGE TYPE [//Contoso/Orders/Cancel] VALIDATION = EMPTY;
-- WARNING: conversations of [//Contoso/Orders/Target] on this contract receive an error
ALTER SERVICE [//Contoso/Orders/Target] (DROP CONTRACT [//Contoso/Orders/Contract]);
-- WARNING: T-SQL has no ALTER CONTRACT: the contract is dropped and created again
DROP CONTRACT [//Contoso/Orders/Contract];
CREATE CONTRACT [//Contoso/Orders/Contract]
    ([//Contoso/Orders/Task] SENT BY INITIATOR,
     [//Contoso/Orders/EndOfStream] SENT BY INITIATOR,
     [//Contoso/Orders/Result] SENT BY TARGET,
     [//Contoso/Orders/Cancel] SENT BY INITIATOR);
ALTER QUEUE [dbo].[AuditQueue] WITH STATUS = ON;
ALTER SERVICE [//Contoso/Orders/Target] (ADD CONTRACT [//Contoso/Orders/Contract]);
ALTER REMOTE SERVICE BINDING [BillingBinding] WITH USER = [BillingCertUser];

COMMIT TRANSACTION;

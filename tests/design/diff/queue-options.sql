alter queue [app].[TargetQueue]
    STATUS: ON → OFF
    ACTIVATION: ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 8, EXECUTE AS N'broker_user') → ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 2, EXECUTE AS N'broker_user')
    WARNING: STATUS = OFF: nothing can be sent to or received from the queue until it is on again
alter queue [dbo].[InitiatorQueue]
    RETENTION: ON → OFF
    ACTIVATION: ACTIVATION (STATUS = OFF, PROCEDURE_NAME = [dbo].[Initiator_Replies], MAX_QUEUE_READERS = 1, EXECUTE AS SELF) → (none)
    POISON_MESSAGE_HANDLING: OFF → ON
alter queue [dbo].[ParkedQueue]
    ACTIVATION: (none) → ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Parked_Activate], MAX_QUEUE_READERS = 1, EXECUTE AS OWNER)

-- Migration written by Broker Studio: from before to after.
-- 3 change(s), 1 with a warning. Review before running; it runs as one transaction.
--   alter queue [app].[TargetQueue]
--       STATUS: ON → OFF
--       ACTIVATION: ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 8, EXECUTE AS N'broker_user') → ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 2, EXECUTE AS N'broker_user')
--   alter queue [dbo].[InitiatorQueue]
--       RETENTION: ON → OFF
--       ACTIVATION: ACTIVATION (STATUS = OFF, PROCEDURE_NAME = [dbo].[Initiator_Replies], MAX_QUEUE_READERS = 1, EXECUTE AS SELF) → (none)
--       POISON_MESSAGE_HANDLING: OFF → ON
--   alter queue [dbo].[ParkedQueue]
--       ACTIVATION: (none) → ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Parked_Activate], MAX_QUEUE_READERS = 1, EXECUTE AS OWNER)

SET XACT_ABORT ON;
BEGIN TRANSACTION;

-- WARNING: STATUS = OFF: nothing can be sent to or received from the queue until it is on again
ALTER QUEUE [app].[TargetQueue] WITH STATUS = OFF, ACTIVATION (STATUS = ON, PROCEDURE_NAME = [app].[Target_Activate], MAX_QUEUE_READERS = 2, EXECUTE AS N'broker_user');
ALTER QUEUE [dbo].[InitiatorQueue] WITH RETENTION = OFF, ACTIVATION (DROP), POISON_MESSAGE_HANDLING (STATUS = ON);
ALTER QUEUE [dbo].[ParkedQueue] WITH ACTIVATION (STATUS = ON, PROCEDURE_NAME = [dbo].[Parked_Activate], MAX_QUEUE_READERS = 1, EXECUTE AS OWNER);

COMMIT TRANSACTION;

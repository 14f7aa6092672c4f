SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. No new activated tasks while the objects go away.
IF EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{TargetQueue:literal}})
    ALTER QUEUE {{Schema}}.{{TargetQueue}} WITH ACTIVATION (STATUS = OFF);
{{#if HasInitiatorProc}}
IF EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{InitiatorQueue:literal}})
    ALTER QUEUE {{Schema}}.{{InitiatorQueue}} WITH ACTIVATION (STATUS = OFF);
{{#endif}}
GO
-- 2. End this pattern's conversations. WITH CLEANUP is an administrator's tool
--    and this is an administrator's script: both ends belong to this
--    installation, so nobody waits for an answer that will not come.
DECLARE @handle uniqueidentifier;
DECLARE endpoints CURSOR LOCAL FAST_FORWARD FOR
    SELECT ce.conversation_handle
    FROM sys.conversation_endpoints AS ce
    JOIN sys.services AS s ON s.service_id = ce.service_id
    WHERE s.name IN ({{InitiatorService:literal}}, {{TargetService:literal}});
OPEN endpoints;
FETCH NEXT FROM endpoints INTO @handle;
WHILE @@FETCH_STATUS = 0
BEGIN
    END CONVERSATION @handle WITH CLEANUP;
    FETCH NEXT FROM endpoints INTO @handle;
END;
CLOSE endpoints;
DEALLOCATE endpoints;
GO
{{#if IsKeepFiring}}
-- 3. Services before their queues and contract; the contract before its message types.
{{#else}}
-- 3. Services before their queues and contract; the contract before its message type.
{{#endif}}
IF EXISTS (SELECT 1 FROM sys.services WHERE name = {{TargetService:literal}})
    DROP SERVICE {{TargetService}};
IF EXISTS (SELECT 1 FROM sys.services WHERE name = {{InitiatorService:literal}})
    DROP SERVICE {{InitiatorService}};
GO
IF EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{TargetQueue:literal}})
    DROP QUEUE {{Schema}}.{{TargetQueue}};
IF EXISTS (SELECT 1 FROM sys.service_queues WHERE schema_id = SCHEMA_ID({{Schema:literal}}) AND name = {{InitiatorQueue:literal}})
    DROP QUEUE {{Schema}}.{{InitiatorQueue}};
GO
IF EXISTS (SELECT 1 FROM sys.service_contracts WHERE name = {{Contract:literal}})
    DROP CONTRACT {{Contract}};
GO
IF EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = {{TaskType:literal}})
    DROP MESSAGE TYPE {{TaskType}};
{{#if IsKeepFiring}}
IF EXISTS (SELECT 1 FROM sys.service_message_types WHERE name = {{EndOfStreamType:literal}})
    DROP MESSAGE TYPE {{EndOfStreamType}};
{{#endif}}
GO
-- 4. Procedures (including the demo task that usage.sql creates) and tables.
DROP PROCEDURE IF EXISTS {{Schema}}.{{TargetProc}};
{{#if HasInitiatorProc}}
DROP PROCEDURE IF EXISTS {{Schema}}.{{InitiatorProc}};
{{#endif}}
DROP PROCEDURE IF EXISTS {{Schema}}.{{EnqueueProc}};
DROP PROCEDURE IF EXISTS {{Schema}}.{{CleanupProc}};
DROP PROCEDURE IF EXISTS {{Schema}}.{{DemoTask}};
{{#if IsKeepFiring}}
DROP TABLE IF EXISTS {{Schema}}.{{ConversationPool}};
{{#endif}}
DROP TABLE IF EXISTS {{Schema}}.{{AllowList}};
{{#if KeepLog}}
-- The task log is kept, as chosen. To remove it as well:
--   DROP TABLE IF EXISTS {{Schema}}.{{TaskLog}};
{{#else}}
DROP TABLE IF EXISTS {{Schema}}.{{TaskLog}};
{{#endif}}
GO
PRINT N'Uninstalled.';
GO

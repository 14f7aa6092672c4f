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
DROP TABLE IF EXISTS {{Schema}}.{{CleanupState}};
{{#if KeepLog}}
-- The task log is kept, as chosen. To remove it as well:
--   DROP TABLE IF EXISTS {{Schema}}.{{TaskLog}};
{{#else}}
DROP TABLE IF EXISTS {{Schema}}.{{TaskLog}};
{{#endif}}
GO
-- 5. The callers' role: its members leave it first (a role with members cannot
--    be dropped). ALTER ROLE ... DROP MEMBER, DROP ROLE:
--    https://learn.microsoft.com/sql/t-sql/statements/alter-role-transact-sql
--    https://learn.microsoft.com/sql/t-sql/statements/drop-role-transact-sql
IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = {{CallerRole:literal}} AND type = 'R')
BEGIN
    DECLARE @member sysname, @dropMember nvarchar(600);
    DECLARE members CURSOR LOCAL FAST_FORWARD FOR
        SELECT m.name
        FROM sys.database_role_members AS rm
        JOIN sys.database_principals AS m ON m.principal_id = rm.member_principal_id
        WHERE rm.role_principal_id = DATABASE_PRINCIPAL_ID({{CallerRole:literal}});
    OPEN members;
    FETCH NEXT FROM members INTO @member;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @dropMember = N'ALTER ROLE ' + QUOTENAME({{CallerRole:literal}}) + N' DROP MEMBER ' + QUOTENAME(@member) + N';';
        EXEC sys.sp_executesql @dropMember;
        FETCH NEXT FROM members INTO @member;
    END;
    CLOSE members;
    DEALLOCATE members;
    DROP ROLE {{CallerRole}};
END;
GO
PRINT N'Uninstalled.';
GO

-- Permissions ----------------------------------------------------------------
-- The allow-list is the security boundary: the target runs each listed
-- procedure as the owner (activation is EXECUTE AS OWNER, as is _Enqueue; the
-- EXECUTE AS clause:
-- https://learn.microsoft.com/sql/t-sql/statements/execute-as-clause-transact-sql). So:
-- 1. Callers get EXECUTE on _Enqueue and nothing else. GRANT object permissions:
--    https://learn.microsoft.com/sql/t-sql/statements/grant-object-permissions-transact-sql
GRANT EXECUTE ON OBJECT::{{Schema}}.{{EnqueueProc}} TO {{CallerRole}};
GO
-- 2. The allow-list and the logs are written by their owner alone: writes are
--    denied to public, which holds every user and role of the database. A DENY
--    does not apply to the object's owner (whom _Enqueue and the activation
--    procedures run as) nor to sysadmin. DENY object permissions:
--    https://learn.microsoft.com/sql/t-sql/statements/deny-object-permissions-transact-sql
DENY INSERT, UPDATE, DELETE ON OBJECT::{{Schema}}.{{AllowList}} TO public;
DENY INSERT, UPDATE, DELETE ON OBJECT::{{Schema}}.{{TaskLog}} TO public;
DENY INSERT, UPDATE, DELETE ON OBJECT::{{Schema}}.{{CleanupState}} TO public;
{{#if IsKeepFiring}}
DENY INSERT, UPDATE, DELETE ON OBJECT::{{Schema}}.{{ConversationPool}} TO public;
{{#endif}}
GO
-- 3. The activation procedures are Service Broker's to run, not a caller's.
DENY EXECUTE ON OBJECT::{{Schema}}.{{TargetProc}} TO public;
{{#if HasInitiatorProc}}
DENY EXECUTE ON OBJECT::{{Schema}}.{{InitiatorProc}} TO public;
{{#endif}}
GO

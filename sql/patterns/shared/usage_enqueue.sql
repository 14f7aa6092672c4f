SET NOCOUNT ON;
GO
{{#if HasDatabase}}
USE {{Database}};
GO
{{#endif}}
-- 1. A task is an ordinary procedure that takes the claim as its one parameter
--    (claim-check: the message carries a key, the data stays in your tables).
--    This demo task waits a second and fails when asked to.
CREATE OR ALTER PROCEDURE {{Schema}}.{{DemoTask}}
    @claim nvarchar(4000) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    WAITFOR DELAY '00:00:01';
    IF @claim = N'fail'
    BEGIN
        THROW 50010, N'The demo task was asked to fail.', 1;
    END;
END;
GO
-- 2. Allow it. The target runs only procedures listed here, as the owner; only
--    the owner (or a sysadmin) may change the list: writes are denied to public.
IF NOT EXISTS (SELECT 1 FROM {{Schema}}.{{AllowList}}
               WHERE procedure_schema = {{Schema:literal}} AND procedure_name = {{DemoTask:literal}})
    INSERT INTO {{Schema}}.{{AllowList}} (procedure_schema, procedure_name, note)
    VALUES ({{Schema:literal}}, {{DemoTask:literal}}, N'Demo task from usage.sql');
GO
-- 2b. Let an application enqueue: its database user joins the callers' role,
--     which may EXECUTE _Enqueue and nothing else. ALTER ROLE:
--     https://learn.microsoft.com/sql/t-sql/statements/alter-role-transact-sql
--   ALTER ROLE {{CallerRole}} ADD MEMBER [your_application_user];
-- 3. Enqueue: returns at once; the target runs the task in the background.
DECLARE @taskId bigint;
EXEC {{Schema}}.{{EnqueueProc}}
    @procedure = {{DemoTask:literal}},
    @procedureSchema = {{Schema:literal}},
    @claim = N'order 42',
    @taskId = @taskId OUTPUT;
EXEC {{Schema}}.{{EnqueueProc}}
    @procedure = {{DemoTask:literal}},
    @procedureSchema = {{Schema:literal}},
    @claim = N'fail';
SELECT @taskId AS first_task_id;
GO

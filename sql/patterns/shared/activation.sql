{{> shared/permissions}}

{{#if HasInitiatorProc}}
-- Activation last: the procedures exist now. Re-running applies new settings.
{{#else}}
-- Activation last: the procedure exists now. Re-running applies new settings.
{{#endif}}
ALTER QUEUE {{Schema}}.{{TargetQueue}}
    WITH ACTIVATION (
        STATUS = ON,
        PROCEDURE_NAME = {{Schema}}.{{TargetProc}},
        MAX_QUEUE_READERS = {{MaxQueueReaders}},
        EXECUTE AS OWNER
    ),
    POISON_MESSAGE_HANDLING (STATUS = ON);
GO
{{#if HasInitiatorProc}}
-- One reader is plenty for the initiator side: it only ends dialogs and logs errors.
ALTER QUEUE {{Schema}}.{{InitiatorQueue}}
    WITH ACTIVATION (
        STATUS = ON,
        PROCEDURE_NAME = {{Schema}}.{{InitiatorProc}},
        MAX_QUEUE_READERS = 1,
        EXECUTE AS OWNER
    ),
    POISON_MESSAGE_HANDLING (STATUS = ON);
GO
{{#endif}}
PRINT N'Installed. Allow-list procedures in ' + QUOTENAME({{Schema:literal}}) + N'.' + QUOTENAME({{AllowList:literal}}) + N', then call ' + QUOTENAME({{Schema:literal}}) + N'.' + QUOTENAME({{EnqueueProc:literal}}) + N'.';
GO

-- query: sample_batch
-- One round trip per monitor sample (issue #13): the MonitorPoller sends every sql/monitor
-- statement in this one batch, each part as below, and reads one marker result set (bs_part)
-- followed by the part's own result set, or by an error result set when the part failed.
-- - EXEC sys.sp_executesql runs the part in a scope of its own, so TRY...CATCH also catches its
--   compile-time and name-resolution errors, which a CATCH at the same level would not
--   (learn.microsoft.com/sql/t-sql/language-elements/try-catch-transact-sql, "Errors unaffected
--   by a TRY...CATCH construct"; a compile error in the lower scope is caught: learn.microsoft.com/
--   archive/blogs/sqlprogrammability/server-side-error-handling-part-3-why-do-i-still-see-error-
--   messages-from-inside-tsql-try-block); sp_executesql: learn.microsoft.com/sql/relational-databases/
--   system-stored-procedures/sp-executesql-transact-sql (public role).
-- - A missing VIEW SERVER STATE (error 300), a lock timeout (1222, SET LOCK_TIMEOUT in each part)
--   or any other error of one part is caught and returned as that part's error: the other parts
--   still report, as with one statement per part.
-- - ERROR_NUMBER() and ERROR_MESSAGE() are valid only in the CATCH block
--   (learn.microsoft.com/sql/t-sql/functions/error-number-transact-sql, error-message-transact-sql).
-- The poller replaces $(part) with the part's name and $(statement) with its text, quotes doubled;
-- the lines between the markers repeat once per part.
-- @part-begin
SELECT CAST(N'$(part)' AS nvarchar(128)) AS bs_part;
BEGIN TRY
    EXEC sys.sp_executesql N'$(statement)';
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS bs_error_number, CAST(ERROR_MESSAGE() AS nvarchar(4000)) AS bs_error_message;
END CATCH;
-- @part-end

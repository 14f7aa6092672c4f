-- query: ops.permission
SELECT HAS_PERMS_BY_NAME(COALESCE(CAST(@P1 AS nvarchar(128)), DB_NAME()), @P2, @P3) AS has_permission;
-- parameters:
--   @P1 sysname = NULL  -- securable (bound as UTF-16LE bytes)
--   @P2 nvarchar(60) = "DATABASE"  -- securable class
--   @P3 sysname = "CONTROL"  -- permission

-- query: ops.permission
SELECT HAS_PERMS_BY_NAME(COALESCE(CAST(@P1 AS nvarchar(128)), DB_NAME()), @P2, @P3) AS has_permission;
-- parameters:
--   @P1 sysname = "[we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь]"  -- securable (bound as UTF-16LE bytes)
--   @P2 nvarchar(60) = "OBJECT"  -- securable class
--   @P3 sysname = "ALTER"  -- permission

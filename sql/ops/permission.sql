-- query: ops.permission
--# HAS_PERMS_BY_NAME (Transact-SQL): https://learn.microsoft.com/sql/t-sql/functions/has-perms-by-name-transact-sql
--# HAS_PERMS_BY_NAME ( securable , securable_class , permission ): 1 when the current user has the
--# effective permission, 0 when not, NULL when the class or permission is not valid.
--# securable NULL (@P1) means this database, whose name DB_NAME() gives.
--# The securable (a quoted name, perhaps Unicode) is bound as UTF-16LE bytes and CAST back to nvarchar.
SELECT HAS_PERMS_BY_NAME(COALESCE(CAST(@P1 AS nvarchar(128)), DB_NAME()), @P2, @P3) AS has_permission;

-- query: database_facts
-- What the health check needs to know about the caller and the database besides the catalog.
-- HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'VIEW DEFINITION') returns 1 when the caller holds the
-- permission (learn.microsoft.com/sql/t-sql/functions/has-perms-by-name-transact-sql); without it,
-- metadata visibility hides objects, so "not found" is reported as "cannot see".
-- The database master key is the row of sys.symmetric_keys with symmetric_key_id 101
-- (##MS_DatabaseMasterKey##; learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-symmetric-keys-transact-sql);
-- without VIEW DEFINITION the answer is NULL rather than a false "missing".
SELECT
    HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'VIEW DEFINITION') AS can_view_definition,
    CASE
        WHEN HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'VIEW DEFINITION') = 1
        THEN CASE WHEN EXISTS (SELECT 1 FROM sys.symmetric_keys AS k WHERE k.symmetric_key_id = 101) THEN 1 ELSE 0 END
    END AS has_master_key;

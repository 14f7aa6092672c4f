-- query: certificates
-- The database's certificates and their owners, for dialog security (remote service bindings and
-- ACTIVE FOR BEGIN_DIALOG). sys.certificates: name sysname, certificate_id int, principal_id int,
-- is_active_for_begin_dialog bit, expiry_date datetime, start_date datetime
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-certificates-transact-sql);
-- the dates are read as UTC, as CREATE CERTIFICATE's START_DATE and EXPIRY_DATE are [U].
-- Metadata visibility: only certificates the caller owns or has a permission on are listed.
-- Name columns are CAST to nvarchar(3n) for QODBC in narrow mode (docs/odbc-data-path.md).
SELECT
    c.certificate_id,
    CAST(c.name AS nvarchar(384)) AS name,
    c.principal_id,
    CAST(p.name AS nvarchar(384)) AS principal_name,
    c.start_date,
    c.expiry_date,
    c.is_active_for_begin_dialog
FROM sys.certificates AS c
LEFT JOIN sys.database_principals AS p ON p.principal_id = c.principal_id
ORDER BY c.certificate_id;

-- query: endpoints
-- Endpoint population by state, local service, far service and side, with the leak indicators.
-- sys.conversation_endpoints (Microsoft Learn): state char(2), is_initiator tinyint, service_id int,
-- far_service nvarchar(256), lifetime datetime, security_timestamp datetime; all NOT NULL.
-- never_expiring: lifetime more than a year away (the default LIFETIME is about 68 years), leaving out
-- CLOSED endpoints whose security_timestamp is set: those are removed about 30 minutes after they
-- close whatever their lifetime (SERVICE_BROKER.md section 4), so they do expire. CLOSED endpoints
-- with security_timestamp 1900-01-01 stay until lifetime and are counted (and in closed_unset_security).
-- closed_unset_security: CLOSED endpoints whose security_timestamp is still 1900-01-01 (fire-and-forget leak).
-- lifetime is compared with GETUTCDATE(): lifetime is taken to be UTC, as Rusanu's cleanup does (unconfirmed).
-- Permission: metadata visibility of the services (VIEW DEFINITION on the database shows them all).
-- Name columns are CAST to nvarchar(3n) (sysname = nvarchar(128) -> 384, nvarchar(256) -> 768):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC in narrow mode (Qt 6.4 with
-- FreeTDS) reads text into a buffer of the declared width + 1 bytes; a longer UTF-8 value reads
-- back empty (docs/odbc-data-path.md, "Long Unicode names"; CAST keeps value and collation,
-- learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql).
-- Never wait behind a blocking transaction: a lock wait longer than 5 s ends this statement with
-- error 1222 and blanks only this part of the sample (SET LOCK_TIMEOUT, milliseconds; public role;
-- set at run time, so it applies to the SELECT below in this batch:
-- learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql).
SET LOCK_TIMEOUT 5000;
SELECT ce.state,
       CAST(s.name AS nvarchar(384)) AS local_service,
       CAST(ce.far_service AS nvarchar(768)) AS far_service,
       ce.is_initiator,
       COUNT_BIG(*) AS endpoint_count,
       SUM(CASE WHEN ce.lifetime > DATEADD(year, 1, GETUTCDATE())
                 AND (ce.state <> 'CD' OR ce.security_timestamp = '19000101')
                THEN CAST(1 AS bigint) ELSE 0 END) AS never_expiring,
       SUM(CASE WHEN ce.state = 'CD' AND ce.security_timestamp = '19000101' THEN CAST(1 AS bigint) ELSE 0 END) AS closed_unset_security,
       MIN(ce.lifetime) AS oldest_lifetime
FROM sys.conversation_endpoints AS ce
LEFT JOIN sys.services AS s ON s.service_id = ce.service_id
GROUP BY ce.state, s.name, ce.far_service, ce.is_initiator;

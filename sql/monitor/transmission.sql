-- query: transmission
-- Messages waiting in sys.transmission_queue, grouped by destination and status.
-- sys.transmission_queue (Microsoft Learn): to_service_name nvarchar(256) NULL, enqueue_time datetime (UTC),
-- transmission_status nvarchar(4000) NULL (the reason the message waits; empty = not tried yet).
-- message_body is not read. Permission: a catalog view, so rows follow metadata visibility (not confirmed
-- for this view; db_owner sees every row).
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
SELECT CAST(tq.to_service_name AS nvarchar(768)) AS to_service_name,
       tq.transmission_status,
       COUNT_BIG(*) AS message_count,
       MIN(tq.enqueue_time) AS oldest_enqueue_time
FROM sys.transmission_queue AS tq
GROUP BY tq.to_service_name, tq.transmission_status;

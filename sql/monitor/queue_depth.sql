-- query: queue_depth
-- Queue depth from each queue's internal table through partition statistics, never COUNT(*) on the
-- queue (Rusanu, "Fast way to check message count"; "Dealing with large queues"). Approximate,
-- takes no locks, counts retained messages too.
-- sys.internal_tables (Microsoft Learn): internal_type 201 = QUEUE_MESSAGES, parent_id = object_id of the queue.
-- sys.partitions (Microsoft Learn): object_id, index_id (1 = clustered), hobt_id, rows bigint (approximate).
-- sys.allocation_units (Microsoft Learn): container_id = sys.partitions.hobt_id for type 1 (in-row) and
-- 3 (row-overflow), = partition_id for type 2 (LOB); used_pages bigint.
-- sys.service_queues: is_receive_enabled, is_enqueue_enabled, is_activation_enabled bit; max_readers smallint.
-- Permission: these are catalog views (metadata visibility; public role), not sys.dm_db_partition_stats,
-- which needs VIEW DATABASE STATE: a least-privileged login still sees the queue flags (a disabled,
-- poisoned queue) and the depth.
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
SELECT q.object_id AS queue_id,
       CAST(SCHEMA_NAME(q.schema_id) AS nvarchar(384)) AS schema_name,
       CAST(q.name AS nvarchar(384)) AS queue_name,
       q.is_receive_enabled,
       q.is_enqueue_enabled,
       q.is_activation_enabled,
       q.max_readers,
       ps.row_count AS depth,
       pg.used_page_count AS used_pages
FROM sys.service_queues AS q
LEFT JOIN sys.internal_tables AS it
       ON it.parent_id = q.object_id AND it.internal_type = 201
LEFT JOIN (SELECT p.object_id, SUM(p.rows) AS row_count
           FROM sys.partitions AS p
           WHERE p.index_id = 1
           GROUP BY p.object_id) AS ps
       ON ps.object_id = it.object_id
LEFT JOIN (SELECT p.object_id, SUM(au.used_pages) AS used_page_count
           FROM sys.partitions AS p
           JOIN sys.allocation_units AS au
             ON au.container_id = CASE WHEN au.type = 2 THEN p.partition_id ELSE p.hobt_id END
           WHERE p.index_id = 1
           GROUP BY p.object_id) AS pg
       ON pg.object_id = it.object_id
WHERE q.is_ms_shipped = 0;

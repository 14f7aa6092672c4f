-- query: queue_depth
-- Queue depth from each queue's internal table through partition statistics, never COUNT(*) on the
-- queue (Rusanu, "Fast way to check message count"; "Dealing with large queues"). Approximate,
-- takes no locks, counts retained messages too.
-- sys.internal_tables (Microsoft Learn): internal_type 201 = QUEUE_MESSAGES, parent_id = object_id of the queue.
-- sys.dm_db_partition_stats (Microsoft Learn): object_id, index_id (1 = clustered), row_count, used_page_count.
-- sys.service_queues: is_receive_enabled, is_enqueue_enabled, is_activation_enabled bit; max_readers smallint.
-- Permission: VIEW DATABASE STATE for sys.dm_db_partition_stats.
-- Name columns are CAST to nvarchar(3n) (sysname = nvarchar(128) -> 384, nvarchar(256) -> 768):
-- n UTF-16 code units take at most 3n bytes in UTF-8, and QODBC in narrow mode (Qt 6.4 with
-- FreeTDS) reads text into a buffer of the declared width + 1 bytes; a longer UTF-8 value reads
-- back empty (docs/odbc-data-path.md, "Long Unicode names"; CAST keeps value and collation,
-- learn.microsoft.com/sql/t-sql/functions/cast-and-convert-transact-sql).
SELECT q.object_id AS queue_id,
       CAST(SCHEMA_NAME(q.schema_id) AS nvarchar(384)) AS schema_name,
       CAST(q.name AS nvarchar(384)) AS queue_name,
       q.is_receive_enabled,
       q.is_enqueue_enabled,
       q.is_activation_enabled,
       q.max_readers,
       ps.row_count AS depth,
       ps.used_page_count AS used_pages
FROM sys.service_queues AS q
LEFT JOIN sys.internal_tables AS it
       ON it.parent_id = q.object_id AND it.internal_type = 201
LEFT JOIN (SELECT object_id, SUM(row_count) AS row_count, SUM(used_page_count) AS used_page_count
           FROM sys.dm_db_partition_stats
           WHERE index_id = 1
           GROUP BY object_id) AS ps
       ON ps.object_id = it.object_id
WHERE q.is_ms_shipped = 0;

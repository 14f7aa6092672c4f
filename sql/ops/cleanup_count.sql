-- query: ops.cleanup_count
--# The dry run of a guided leak cleanup (app/core/ops/cleanupplan.h): how many endpoints of one
--# service pair in the chosen states the run would end, and how many it would skip and why.
--# sys.conversation_endpoints (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# (service_id int, far_service nvarchar(256), state char(2) CD/DI/DO, lifetime datetime,
--# security_timestamp datetime: 1900-01-01 = never set). sys.services (service_id, name sysname):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-services-transact-sql
--# sys.transmission_queue (conversation_handle):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql
--# The local service's queue is read with SELECT (removes nothing; CREATE QUEUE, queue columns:
--# https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql).
--# action: 1 = END CONVERSATION … WITH CLEANUP (CD, stamp never set), 2 = END CONVERSATION (DI, DO),
--# 10 = skipped, messages in the queue; 11 = skipped, messages in sys.transmission_queue;
--# 12 = skipped, the lifetime ends within @P6 seconds; 13 = skipped, CD whose stamp is set (the
--# server removes it when the stamp passes). lifetime is compared with GETUTCDATE() (SERVICE_BROKER.md §1 [U]).
--# A subquery cannot be in GROUP BY, hence the derived table. Names are bound as UTF-16LE bytes.
DECLARE @local nvarchar(256) = CAST(@P1 AS nvarchar(256));
DECLARE @far nvarchar(256) = CAST(@P2 AS nvarchar(256));
DECLARE @closed bit = @P3;
DECLARE @disconnected_inbound bit = @P4;
DECLARE @disconnected_outbound bit = @P5;
DECLARE @horizon datetime = DATEADD(second, @P6, GETUTCDATE());
SELECT x.state, x.action, COUNT_BIG(*) AS endpoints
FROM (SELECT ce.state,
             CASE WHEN ce.lifetime <= @horizon THEN 12
                  WHEN ce.state = 'CD' AND ce.security_timestamp <> '19000101' THEN 13
                  WHEN EXISTS (SELECT 1 FROM {{Schema}}.{{Queue}} AS q
                               WHERE q.conversation_handle = ce.conversation_handle) THEN 10
                  WHEN EXISTS (SELECT 1 FROM sys.transmission_queue AS t
                               WHERE t.conversation_handle = ce.conversation_handle) THEN 11
                  WHEN ce.state = 'CD' THEN 1
                  ELSE 2
             END AS action
      FROM sys.conversation_endpoints AS ce
      JOIN sys.services AS s ON s.service_id = ce.service_id
      WHERE s.name = @local
        AND ce.far_service = @far
        AND ((ce.state = 'CD' AND @closed = 1)
             OR (ce.state = 'DI' AND @disconnected_inbound = 1)
             OR (ce.state = 'DO' AND @disconnected_outbound = 1))) AS x
GROUP BY x.state, x.action
ORDER BY x.state, x.action;

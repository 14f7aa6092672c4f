-- query: ops.cleanup_count
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
                  WHEN EXISTS (SELECT 1 FROM [we]]ird].[Q'; DROP TABLE t; -- [x]] "y" Очередь] AS q
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
-- parameters:
--   @P1 nvarchar(256) = "//Ship]ping/Tar'get; DROP TABLE t; --"  -- local service (bound as UTF-16LE bytes)
--   @P2 nvarchar(256) = "//Доставка/"Initiator" [x]"  -- far service (bound as UTF-16LE bytes)
--   @P3 bit = 1  -- CD included
--   @P4 bit = 1  -- DI included
--   @P5 bit = 0  -- DO included
--   @P6 int = 3600  -- seconds of lifetime left at least

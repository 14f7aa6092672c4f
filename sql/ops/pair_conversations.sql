-- query: ops.pair_conversations
--# The endpoints of one service pair in one state (a row of the monitor's Endpoints table), oldest
--# lifetime first, to open one conversation from them. Read-only.
--# sys.conversation_endpoints (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# The services' names are bound as UTF-16LE bytes and CAST back (ParameterWire in
--# app/core/ops/operation.h); the state is its two-letter code (char(2)).
--# The columns and the join are sql/ops/endpoint_columns.sql (shared by both endpoint statements).
SELECT TOP (@P1) ce.conversation_handle,
{{> endpoint_columns}}
WHERE s.name = CAST(@P2 AS nvarchar(256))
  AND ce.far_service = CAST(@P3 AS nvarchar(256))
  AND ce.state = @P4
ORDER BY ce.lifetime;

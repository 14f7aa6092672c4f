-- query: ops.conversation_endpoints
--# sys.conversation_endpoints (Transact-SQL):
--# https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql
--# Both sides of one conversation share conversation_id; when both are in this database both rows
--# come back. lifetime and security_timestamp are datetime; security_timestamp 1900-01-01 = never set.
--# The columns and the join are sql/ops/endpoint_columns.sql (shared by both endpoint statements).
SELECT ce.conversation_handle,
{{> endpoint_columns}}
WHERE ce.conversation_id IN (SELECT c.conversation_id
                             FROM sys.conversation_endpoints AS c
                             WHERE c.conversation_handle = CONVERT(uniqueidentifier, @P1));

-- query: remote_service_bindings
-- sys.remote_service_bindings: name sysname, remote_service_binding_id int, principal_id int NULL,
-- remote_service_name nvarchar(256) NULL, service_contract_id int (0 = any contract),
-- remote_principal_id int NULL, is_anonymous_on bit
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-remote-service-bindings-transact-sql).
SELECT
    b.remote_service_binding_id,
    b.name,
    b.principal_id,
    b.remote_service_name,
    b.service_contract_id,
    b.remote_principal_id,
    b.is_anonymous_on
FROM sys.remote_service_bindings AS b
ORDER BY b.remote_service_binding_id;

-- query: contracts
-- sys.service_contracts: name sysname, service_contract_id int, principal_id int NULL
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-contracts-transact-sql).
SELECT
    c.service_contract_id,
    c.name,
    c.principal_id
FROM sys.service_contracts AS c
ORDER BY c.service_contract_id;

-- query: service_contract_usages
-- sys.service_contract_usages: service_id int, service_contract_id int
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-contract-usages-transact-sql).
SELECT
    u.service_id,
    u.service_contract_id
FROM sys.service_contract_usages AS u
ORDER BY u.service_id, u.service_contract_id;

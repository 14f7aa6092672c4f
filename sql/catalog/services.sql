-- query: services
-- sys.services: name sysname (case-sensitive), service_id int, principal_id int NULL,
-- service_queue_id int (the queue's object_id)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-services-transact-sql).
SELECT
    sv.service_id,
    sv.name,
    sv.principal_id,
    sv.service_queue_id
FROM sys.services AS sv
ORDER BY sv.service_id;

-- query: routes
-- sys.routes: name sysname, route_id int, principal_id int NULL, remote_service_name nvarchar(256) NULL,
-- broker_instance nvarchar(128) NULL, lifetime datetime NULL (UTC), address nvarchar(256) NULL,
-- mirror_address nvarchar(256) NULL
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-routes-transact-sql).
SELECT
    r.route_id,
    r.name,
    r.principal_id,
    r.remote_service_name,
    r.broker_instance,
    r.lifetime,
    r.address,
    r.mirror_address
FROM sys.routes AS r
ORDER BY r.route_id;

drop and create route [RemoteRoute]
    MIRROR_ADDRESS: TCP://mirror.example:4022 → (none)
    WARNING: the route is dropped and created again (ALTER ROUTE cannot remove an option)
drop and create remote service binding [RemoteBinding]
    TO SERVICE: //Remote/Service → //Other
    WARNING: the binding is dropped and created again (ALTER cannot change TO SERVICE)

-- Migration written by Broker Studio: from before to after.
-- 2 change(s), 2 with a warning. Review before running; it runs as one transaction.
--   drop and create route [RemoteRoute]
--       MIRROR_ADDRESS: TCP://mirror.example:4022 → (none)
--   drop and create remote service binding [RemoteBinding]
--       TO SERVICE: //Remote/Service → //Other

SET XACT_ABORT ON;
BEGIN TRANSACTION;

-- WARNING: the route is dropped and created again (ALTER ROUTE cannot remove an option)
DROP ROUTE [RemoteRoute];
CREATE ROUTE [RemoteRoute] AUTHORIZATION [dbo]
    WITH SERVICE_NAME = N'//Remote/Service',
         BROKER_INSTANCE = N'3F2504E0-4F89-11D3-9A0C-0305E82C3301',
         LIFETIME = 86400,
         ADDRESS = N'TCP://remote.example:4022';
-- WARNING: the binding is dropped and created again (ALTER cannot change TO SERVICE)
DROP REMOTE SERVICE BINDING [RemoteBinding];
CREATE REMOTE SERVICE BINDING [RemoteBinding] AUTHORIZATION [dbo] TO SERVICE N'//Other' WITH USER = [remote_cert_user], ANONYMOUS = ON;

COMMIT TRANSACTION;

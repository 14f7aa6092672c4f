alter route [RemoteRoute]
    LIFETIME: 86400 → 3600
    ADDRESS: TCP://remote.example:4022 → TCP://new.example:4022
alter route [AnyRoute]
    ADDRESS: TRANSPORT → LOCAL
alter remote service binding [RemoteBinding]
    USER: remote_cert_user → other_user
    ANONYMOUS: ON → OFF

-- Migration written by Broker Studio: from before to after.
-- 3 change(s), 0 with a warning. Review before running; it runs as one transaction.
--   alter route [RemoteRoute]
--       LIFETIME: 86400 → 3600
--       ADDRESS: TCP://remote.example:4022 → TCP://new.example:4022
--   alter route [AnyRoute]
--       ADDRESS: TRANSPORT → LOCAL
--   alter remote service binding [RemoteBinding]
--       USER: remote_cert_user → other_user
--       ANONYMOUS: ON → OFF

SET XACT_ABORT ON;
BEGIN TRANSACTION;

ALTER ROUTE [RemoteRoute] WITH LIFETIME = 3600, ADDRESS = N'TCP://new.example:4022';
ALTER ROUTE [AnyRoute] WITH ADDRESS = N'LOCAL';
ALTER REMOTE SERVICE BINDING [RemoteBinding] WITH USER = [other_user], ANONYMOUS = OFF;

COMMIT TRANSACTION;

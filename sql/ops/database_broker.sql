-- query: ops.database_broker
--# ALTER DATABASE SET options (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options
--#   ALTER DATABASE { database_name | CURRENT } SET <service_broker_option> [ WITH <termination> ]
--#   <service_broker_option> ::= { ENABLE_BROKER | DISABLE_BROKER | NEW_BROKER | ERROR_BROKER_CONVERSATIONS | HONOR_BROKER_PRIORITY … }
--#   <termination> ::= { ROLLBACK AFTER number [ SECONDS ] | ROLLBACK IMMEDIATE | NO_WAIT }
--# ENABLE_BROKER needs an exclusive lock on the database (same page): without a termination clause
--# the statement waits for every other session; ROLLBACK IMMEDIATE rolls them back and disconnects them.
--# ALTER DATABASE is not allowed inside an explicit transaction: the statement runs on its own.
--# Permissions: ALTER on the database (ALTER DATABASE page).
--# {{Option}} is the option's keyword from OperationRegistry::brokerOptionKeyword (never user text).
ALTER DATABASE {{Database}}
{{#if RollbackImmediate}}
    SET {{Option}} WITH ROLLBACK IMMEDIATE;
{{#else}}
    SET {{Option}};
{{#endif}}

-- query: ops.queue_status
--# ALTER QUEUE (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
--# STATUS = { ON | OFF }: with OFF no message can be added to or removed from the queue.
--# The queue's name cannot be a variable: it is bracket-quoted by quoteIdentifier.
--# Permissions (same page): the queue's owner, db_ddladmin, db_owner or sysadmin (ALTER on the queue).
ALTER QUEUE {{Schema}}.{{Queue}}
{{#if Enable}}
    WITH STATUS = ON;
{{#else}}
    WITH STATUS = OFF;
{{#endif}}

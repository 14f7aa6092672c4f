-- query: ops.queue_activation
--# ALTER QUEUE (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
--# ACTIVATION ( STATUS = { ON | OFF } ): whether the queue starts its activation procedure.
--# Running instances finish their work; with OFF no new one starts.
ALTER QUEUE {{Schema}}.{{Queue}}
{{#if Enable}}
    WITH ACTIVATION (STATUS = ON);
{{#else}}
    WITH ACTIVATION (STATUS = OFF);
{{#endif}}

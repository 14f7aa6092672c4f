-- query: ops.queue_resume_debug
--# Poison triage, plan (b): the queue back on with activation off, to RECEIVE and debug by hand.
--# ALTER QUEUE (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
--#   WITH STATUS = ON, ACTIVATION ( STATUS = OFF ): both options in one statement.
--# Permissions (same page): ALTER on the queue.
ALTER QUEUE {{Schema}}.{{Queue}}
    WITH STATUS = ON, ACTIVATION (STATUS = OFF);

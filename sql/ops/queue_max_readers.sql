-- query: ops.queue_max_readers
--# ALTER QUEUE (Transact-SQL): https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
--# MAX_QUEUE_READERS = max_readers: "a number between 0 and 32767"; a constant in the grammar,
--# so it is written as digits (validated before rendering), not bound.
ALTER QUEUE {{Schema}}.{{Queue}}
    WITH ACTIVATION (MAX_QUEUE_READERS = {{MaxReaders}});

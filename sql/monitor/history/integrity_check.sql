-- query: integrity_check
PRAGMA integrity_check

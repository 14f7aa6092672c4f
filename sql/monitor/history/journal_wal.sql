-- query: journal_wal
-- History store (SQLite, local file; never sent to SQL Server). Write-ahead log: a crash loses at most
-- the transaction being written, and readers never block the writer.
PRAGMA journal_mode = WAL

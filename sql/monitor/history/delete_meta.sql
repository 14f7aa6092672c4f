-- query: delete_meta
DELETE FROM meta WHERE key = :key

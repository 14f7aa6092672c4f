-- query: get_meta
SELECT value FROM meta WHERE key = :key

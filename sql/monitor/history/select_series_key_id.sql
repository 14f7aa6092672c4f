-- query: select_series_key_id
SELECT id FROM series_keys WHERE key = :key

-- query: select_series_keys
SELECT id, key FROM series_keys

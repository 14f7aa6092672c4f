-- query: select_string_id
SELECT id FROM strings WHERE text = :key

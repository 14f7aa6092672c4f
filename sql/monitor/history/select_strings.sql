-- query: select_strings
SELECT id, text FROM strings

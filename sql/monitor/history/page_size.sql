-- query: page_size
-- Takes effect only before the first table of a new file is created; on an existing file it is a
-- no-op (https://www.sqlite.org/pragma.html#pragma_page_size). Sample rows of about 1 KB waste a
-- quarter of each 4,096-byte page (3 rows fit); 16 KiB pages waste a few per cent.
PRAGMA page_size = 16384

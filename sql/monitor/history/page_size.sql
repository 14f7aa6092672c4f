-- query: page_size
-- Takes effect only before the first table of a new file is created; on an existing file it is a
-- no-op (https://www.sqlite.org/pragma.html#pragma_page_size). Schema 3 rows are small (a head row
-- ~230 B, a snapshot ~0.5 KB) and a block overflows into few pages: 4 KiB pages waste least, and
-- keep the write-ahead log (1,000 pages before a checkpoint) at 4 MiB. Files made with 16 KiB
-- pages by schema 2 keep them.
PRAGMA page_size = 4096

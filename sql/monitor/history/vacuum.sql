-- query: vacuum
-- After converting an old file: rewrites it without the freed pages.
VACUUM

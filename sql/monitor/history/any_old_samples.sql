-- query: any_old_samples
-- Rows of the samples table are written by schema 1 and 2 only: any row is one to convert.
SELECT EXISTS (SELECT 1 FROM samples)

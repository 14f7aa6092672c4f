-- query: select_overview
-- The indexed numbers only, without decoding the samples: the quick first picture of a long range.
SELECT time_ms, endpoints, leaked, never_expiring, transmission, length(data) FROM samples
WHERE time_ms BETWEEN :from_ms AND :to_ms
ORDER BY time_ms

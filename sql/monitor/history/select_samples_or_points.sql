-- query: select_samples_or_points
-- Ranges that hold rows written before schema 2: the points row where there is one, else the
-- full sample (an empty blob in both is a gap row).
SELECT s.time_ms, p.data, CASE WHEN p.time_ms IS NULL THEN s.data END
FROM samples AS s LEFT JOIN points AS p ON p.time_ms = s.time_ms
WHERE s.time_ms BETWEEN :from_ms AND :to_ms
ORDER BY s.time_ms

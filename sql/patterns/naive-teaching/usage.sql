-- Naive fire-and-forget (TEACHING SCRIPT): usage examples. Run it step by step after install.sql.
{{> shared/usage_enqueue}}
{{> shared/usage_outcomes}}
-- 5. The leak this script teaches: every task leaves a CLOSED target endpoint
--    whose security timestamp is never set, kept until its 68-year lifetime ends.
SELECT ce.state_desc, COUNT(*) AS endpoints, MIN(ce.lifetime) AS first_lifetime_end
FROM sys.conversation_endpoints AS ce
JOIN sys.services AS s ON s.service_id = ce.service_id
WHERE s.name = {{TargetService:literal}}
  AND ce.security_timestamp = '19000101'
GROUP BY ce.state_desc;
GO

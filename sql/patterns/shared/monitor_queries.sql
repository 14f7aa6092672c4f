SELECT s.name AS service_name,
       ce.is_initiator,
       ce.state_desc,
       COUNT(*) AS endpoints,
       SUM(CASE WHEN ce.state = 'CD' AND ce.security_timestamp = '19000101' THEN 1 ELSE 0 END) AS never_stamped,
       MIN(ce.lifetime) AS first_lifetime_end
FROM sys.conversation_endpoints AS ce
JOIN sys.services AS s ON s.service_id = ce.service_id
WHERE s.name IN ({{InitiatorService:literal}}, {{TargetService:literal}})
GROUP BY s.name, ce.is_initiator, ce.state_desc
ORDER BY s.name, ce.is_initiator, ce.state_desc;

-- 2. Queues: approximate depth from the queue's internal table (no locks, no
--    COUNT(*) over the queue), flags and the queue monitor's state.
SELECT q.name AS queue_name,
       q.is_receive_enabled,
       q.is_enqueue_enabled,
       q.is_activation_enabled,
       q.max_readers,
       p.rows AS messages,
       m.state AS monitor_state,
       m.tasks_waiting,
       m.last_activated_time,
       m.last_empty_rowset_time,
       (SELECT COUNT(*) FROM sys.dm_broker_activated_tasks AS t
        WHERE t.database_id = DB_ID() AND t.queue_id = q.object_id) AS activated_tasks
FROM sys.service_queues AS q
-- LEFT JOIN: a queue whose internal table this login cannot see still shows
-- (messages NULL). internal_type 201 is QUEUE_MESSAGES, the queue's messages.
LEFT JOIN sys.internal_tables AS it ON it.parent_id = q.object_id AND it.internal_type = 201
LEFT JOIN sys.partitions AS p ON p.object_id = it.object_id AND p.index_id = 1
LEFT JOIN sys.dm_broker_queue_monitors AS m ON m.queue_id = q.object_id AND m.database_id = DB_ID()
WHERE q.schema_id = SCHEMA_ID({{Schema:literal}})
  AND q.name IN ({{InitiatorQueue:literal}}, {{TargetQueue:literal}});

-- 3. Messages that could not be delivered yet.
SELECT tq.to_service_name,
       tq.transmission_status,
       COUNT(*) AS messages,
       MIN(tq.enqueue_time) AS oldest
FROM sys.transmission_queue AS tq
WHERE tq.from_service_name = {{InitiatorService:literal}}
GROUP BY tq.to_service_name, tq.transmission_status;

-- 4. Task outcomes.
SELECT outcome,
       COUNT(*) AS tasks,
       MIN(enqueued_at) AS first_enqueued,
       MAX(finished_at) AS last_finished
FROM {{Schema}}.{{TaskLog}}
GROUP BY outcome
ORDER BY outcome;

{{#if IsWindowed}}
-- 5. The latest failures, expiries and broker errors.
{{#else}}
-- 5. The latest failures and broker errors.
{{#endif}}
SELECT TOP (20) task_id, procedure_schema, procedure_name, claim, outcome,
{{#if IsWindowed}}
       enqueued_at, expires_at, finished_at, error_number, error_message
{{#else}}
       enqueued_at, finished_at, error_number, error_message
{{#endif}}
FROM {{Schema}}.{{TaskLog}}
WHERE outcome IN ('failed', 'expired', 'broker_error')
ORDER BY task_id DESC;

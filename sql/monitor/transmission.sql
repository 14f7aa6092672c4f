-- query: transmission
-- Messages waiting in sys.transmission_queue, grouped by destination and status.
-- sys.transmission_queue (Microsoft Learn): to_service_name nvarchar(256) NULL, enqueue_time datetime (UTC),
-- transmission_status nvarchar(4000) NULL (the reason the message waits; empty = not tried yet).
-- message_body is not read. Permission: a catalog view, so rows follow metadata visibility (not confirmed
-- for this view; db_owner sees every row).
SELECT tq.to_service_name,
       tq.transmission_status,
       COUNT_BIG(*) AS message_count,
       MIN(tq.enqueue_time) AS oldest_enqueue_time
FROM sys.transmission_queue AS tq
GROUP BY tq.to_service_name, tq.transmission_status;

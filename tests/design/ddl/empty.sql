-- Service Broker objects of a design, written by Broker Studio.
-- Order: message types, contracts, queues, services, routes, remote service bindings.
-- Re-runnable: each object is created only when it does not exist yet; existing objects are not changed (use a migration script for that).


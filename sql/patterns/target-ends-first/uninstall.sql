-- Target ends first (one dialog per message): uninstall. Removes the objects in dependency order:
-- activation, conversations, services, queues, contract, message type,
-- procedures, tables. Safe to run twice.
{{> shared/uninstall}}

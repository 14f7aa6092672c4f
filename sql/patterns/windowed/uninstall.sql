-- Windowed fire-and-forget: uninstall. Removes the objects in dependency order:
-- activation, conversations, services, queues, contract, message type,
-- procedures, tables. Safe to run twice.
{{> shared/uninstall}}

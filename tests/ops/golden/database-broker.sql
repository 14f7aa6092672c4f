-- query: ops.database_broker
ALTER DATABASE [Sales]]; DROP DATABASE x; --]
    SET ERROR_BROKER_CONVERSATIONS WITH ROLLBACK IMMEDIATE;
-- parameters:

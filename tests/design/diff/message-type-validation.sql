alter message type [//Full/Request]
    VALIDATION: VALID_XML WITH SCHEMA COLLECTION [dbo].[RequestSchemas] → VALID_XML WITH SCHEMA COLLECTION [dbo].[V2]
alter message type [//Full/Blob]
    VALIDATION: NONE → WELL_FORMED_XML

-- Migration written by Broker Studio: from before to after.
-- 2 change(s), 0 with a warning. Review before running; it runs as one transaction.
--   alter message type [//Full/Request]
--       VALIDATION: VALID_XML WITH SCHEMA COLLECTION [dbo].[RequestSchemas] → VALID_XML WITH SCHEMA COLLECTION [dbo].[V2]
--   alter message type [//Full/Blob]
--       VALIDATION: NONE → WELL_FORMED_XML

SET XACT_ABORT ON;
BEGIN TRANSACTION;

ALTER MESSAGE TYPE [//Full/Request] VALIDATION = VALID_XML WITH SCHEMA COLLECTION [dbo].[V2];
ALTER MESSAGE TYPE [//Full/Blob] VALIDATION = WELL_FORMED_XML;

COMMIT TRANSACTION;

-- query: message_types
-- sys.service_message_types: name sysname, message_type_id int, principal_id int NULL,
-- validation char(2) (N, X, E), validation_desc nvarchar(60) NULL, xml_collection_id int NULL
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-message-types-transact-sql).
-- Metadata visibility: without VIEW DEFINITION only owned or permitted objects are listed.
SELECT
    mt.message_type_id,
    mt.name,
    mt.principal_id,
    mt.validation,
    mt.validation_desc,
    mt.xml_collection_id
FROM sys.service_message_types AS mt
ORDER BY mt.message_type_id;

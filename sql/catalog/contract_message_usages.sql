-- query: contract_message_usages
-- sys.service_contract_message_usages: service_contract_id int, message_type_id int,
-- is_sent_by_initiator bit, is_sent_by_target bit (SENT BY ANY sets both)
-- (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-service-contract-message-usages-transact-sql).
SELECT
    u.service_contract_id,
    u.message_type_id,
    u.is_sent_by_initiator,
    u.is_sent_by_target
FROM sys.service_contract_message_usages AS u
ORDER BY u.service_contract_id, u.message_type_id;

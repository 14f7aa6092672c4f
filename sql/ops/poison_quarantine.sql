-- query: ops.poison_quarantine
--# Poison triage, plan (a): the queue back on with activation off, the poison conversation's
--# messages copied into dbo.BrokerPoisonQuarantine, the conversation ended WITH ERROR (the far side
--# learns why; its messages leave the queue), then activation back on.
--# Removing poison messages: https://learn.microsoft.com/sql/database-engine/service-broker/removing-poison-messages
--# ALTER QUEUE … WITH STATUS = ON, ACTIVATION (STATUS = OFF): https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
--# The queue must be on before END CONVERSATION can remove its messages; activation stays off
--# meanwhile so that the activated procedure does not RECEIVE the poison message again.
--# XACT_ABORT: if the copy or the END fails, the batch stops with the queue on and activation
--# off (plan (b)'s state), nothing copied and nothing ended.
--# The handle is bound as its text and CONVERTed (ParameterWire in app/core/ops/operation.h).
SET XACT_ABORT ON;
DECLARE @handle uniqueidentifier = CONVERT(uniqueidentifier, @P1);
{{#if HasActivation}}
ALTER QUEUE {{Schema}}.{{Queue}} WITH STATUS = ON, ACTIVATION (STATUS = OFF);
{{#else}}
ALTER QUEUE {{Schema}}.{{Queue}} WITH STATUS = ON;
{{#endif}}
{{> poison_quarantine_steps}}
{{#if HasActivation}}
ALTER QUEUE {{Schema}}.{{Queue}} WITH ACTIVATION (STATUS = ON);
{{#endif}}

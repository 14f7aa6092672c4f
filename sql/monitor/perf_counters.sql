-- query: perf_counters
-- Broker performance counters. object_name starts with "SQLServer:" on a default instance and
-- "MSSQL$<name>:" on a named one, so match with LIKE (Broker Statistics, Broker Activation,
-- Broker/DBM Transport, Broker TO Statistics). cntr_type is read here and used at run time:
-- 272696576 = per-second counter kept as a running total (rate from two samples).
-- sys.dm_os_performance_counters (Microsoft Learn): object_name, counter_name, instance_name nchar(128),
-- cntr_value bigint, cntr_type int. Permission: VIEW SERVER STATE (2022: VIEW SERVER PERFORMANCE STATE).
-- Never wait behind a blocking transaction: a lock wait longer than 5 s ends this statement with
-- error 1222 and blanks only this part of the sample (SET LOCK_TIMEOUT, milliseconds; public role;
-- set at run time, so it applies to the SELECT below in this batch:
-- learn.microsoft.com/sql/t-sql/statements/set-lock-timeout-transact-sql).
SET LOCK_TIMEOUT 5000;
SELECT RTRIM(pc.object_name) AS object_name,
       RTRIM(pc.counter_name) AS counter_name,
       RTRIM(pc.instance_name) AS instance_name,
       pc.cntr_value,
       pc.cntr_type
FROM sys.dm_os_performance_counters AS pc
WHERE pc.object_name LIKE N'%Broker%';

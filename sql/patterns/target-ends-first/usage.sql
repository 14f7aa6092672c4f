-- Target ends first (one dialog per message): usage examples. Run it step by step after install.sql.
{{> shared/usage_enqueue}}
{{> shared/usage_outcomes}}

-- Rate-limit counters are bookkeeping, read and written on every API request: keep them out of the
-- write-ahead log, so counting a hit never waits for a disk flush. A crash resets them, which only
-- forgives a minute's hits.
alter table rate_limit_hits set unlogged;

-- Playlist changes are recorded in the audit trail (playlist.* actions, declared on the routes), which is
-- append-only and hash-chained; the module's own change table was written and never read.
drop table if exists playlist_events;

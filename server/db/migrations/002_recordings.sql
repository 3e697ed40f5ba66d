-- The upload side of a recording's life: the declared total size, the last upload activity (for the
-- cleanup job) and when it failed.

alter table recordings add column upload_total bigint;

alter table recordings add column upload_touched_at timestamptz;

alter table recordings add column failed_at timestamptz;

-- The cleanup job looks only at open uploads.
create index recordings_open_uploads on recordings (created_at) where status = 'recording';

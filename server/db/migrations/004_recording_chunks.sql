-- Uploads in progress live in the database and the media storage, not on one instance's disk: each
-- accepted chunk is an object in the media storage (uploads/<recording id>/<start offset>.<attempt>),
-- recorded here once its bytes are fully stored. The upload offset is max(start_offset + length).

create table recording_chunks (
  recording_id uuid not null references recordings (id) on delete cascade,
  start_offset bigint not null check (start_offset >= 0),
  length bigint not null check (length > 0),
  storage_key text not null unique,
  created_at timestamptz not null default now(),
  -- Two requests racing with a chunk at the same offset: exactly one row wins.
  primary key (recording_id, start_offset)
);

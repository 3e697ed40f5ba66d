-- Compliance: the hash-chained audit trail, legal holds, per-team retention, and what deleting a
-- recording leaves behind (a tombstone saying why, evaluations marked "recording deleted").

-- One row per audited action. `id` is the entry's position in the hash chain, given by the one writer
-- that holds the chain's lock (server/modules/audit/chain.ts), so entries and links never fork.
-- No foreign keys: an entry outlives the user, key or recording it names.
create table audit_log (
  id bigint primary key,
  at timestamptz not null,
  actor_id bigint,
  actor_username text,
  api_key_id bigint,
  action text not null,
  resource_type text,
  resource_id text,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  ip text,
  user_agent text,
  details jsonb not null default '{}'::jsonb,
  -- One entry per player session: the media route's plays carry their session here.
  dedupe_key text,
  prev_hash text not null,
  hash text not null
);
create index audit_log_at on audit_log (at, id);
create index audit_log_actor on audit_log (actor_username, id);
create index audit_log_action on audit_log (action, id);
create index audit_log_resource on audit_log (resource_id, id);
create unique index audit_log_dedupe on audit_log (dedupe_key) where dedupe_key is not null;

-- Append-only: the database refuses to change or remove an entry (verify still catches whoever turns
-- this off).
create function audit_log_refuse_change() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();

-- Keep a team's recordings this many days; null keeps them forever.
alter table teams add column retention_days integer check (retention_days > 0);

-- A legal hold on exactly one of: a recording activity, a conversation, an agent. No foreign key on the
-- activity: a released hold must not keep its recording from being deleted later.
create table legal_holds (
  id bigint generated always as identity primary key,
  activity_id bigint,
  object_id bigint references objects (id),
  agent_id bigint references users (id),
  reason text not null,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  released_at timestamptz,
  released_by bigint references users (id),
  check (num_nonnulls(activity_id, object_id, agent_id) = 1)
);
create index legal_holds_active_activity on legal_holds (activity_id) where released_at is null;
create index legal_holds_active_object on legal_holds (object_id) where released_at is null;
create index legal_holds_active_agent on legal_holds (agent_id) where released_at is null;

-- What is left of a deleted recording: why, by whom, and whether its media object is gone yet (a failed
-- storage delete is retried by the next retention run).
create table deleted_recordings (
  activity_id bigint primary key,
  object_id bigint not null,
  agent_id bigint,
  storage_key text,
  reason text not null,
  deleted_by bigint,
  deleted_at timestamptz not null default now(),
  media_deleted_at timestamptz
);
create index deleted_recordings_media_pending on deleted_recordings (deleted_at) where media_deleted_at is null;

-- Evaluations outlive their recording: they keep its activity id and are marked deleted.
alter table evaluations drop constraint evaluations_activity_id_fkey;
alter table evaluations add column recording_deleted_at timestamptz;

-- Which instance runs a once-a-day job, and when it last ran.
create table job_leases (
  name text primary key,
  holder text,
  held_until timestamptz not null default now(),
  last_run_at timestamptz
);

-- Users, teams, sessions, API keys, conversations (objects), recordings and their activities.

create table teams (
  id bigint generated always as identity primary key,
  name text not null unique
);

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  first_name text not null,
  last_name text not null,
  role text not null check (role in ('admin', 'qa_manager', 'trainer', 'supervisor', 'agent')),
  password_hash text,
  created_at timestamptz not null default now()
);

create table team_members (
  team_id bigint not null references teams (id) on delete cascade,
  user_id bigint not null references users (id) on delete cascade,
  primary key (team_id, user_id)
);
create index team_members_user on team_members (user_id);

-- Only a hash of the session token is stored: a leaked table cannot be replayed.
create table sessions (
  token_hash text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

create table api_keys (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  name text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Fixed-window counters for rate limits, shared by every server instance.
create table rate_limit_hits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);

-- A CommBox object: one customer conversation, owned by a team and assigned to an agent.
create table objects (
  id bigint generated always as identity (start with 100001) primary key,
  title text not null,
  team_id bigint not null references teams (id),
  agent_id bigint not null references users (id),
  created_at timestamptz not null default now()
);
create index objects_team on objects (team_id);
create index objects_agent on objects (agent_id);

create table recordings (
  id uuid primary key,
  object_id bigint not null references objects (id),
  agent_id bigint not null references users (id),
  status text not null check (status in ('recording', 'completed', 'failed')),
  external_id text unique,
  started_at timestamptz not null,
  storage_key text,
  container text,
  video_codec text,
  audio_codec text,
  duration_seconds double precision,
  file_size bigint,
  failure_reason text,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index recordings_object on recordings (object_id);

create table activities (
  id bigint generated always as identity (start with 5000001) primary key,
  object_id bigint not null references objects (id),
  activity_type integer not null,
  user_id bigint references users (id),
  created_time timestamptz not null default now(),
  -- At most one activity per recording: the database enforces "exactly once".
  recording_id uuid unique references recordings (id),
  data jsonb not null default '{}'::jsonb
);
create index activities_object_time on activities (object_id, created_time desc, id desc);

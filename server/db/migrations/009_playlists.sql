-- Trainers' playlists: clips of recordings in order, assignments to users, progress measured from the
-- ranges actually played, and a record of every change.

create table playlists (
  id bigint generated always as identity (start with 900001) primary key,
  title text not null,
  description text not null default '',
  owner_id bigint not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index playlists_owner on playlists (owner_id);

-- A clip: a range of a recording activity. The activity may go (retention, deletion on request): the
-- clip then stays, with activity_id null, and shows as no longer available.
create table playlist_items (
  id bigint generated always as identity (start with 910001) primary key,
  playlist_id bigint not null references playlists (id) on delete cascade,
  activity_id bigint references activities (id) on delete set null,
  position integer not null,
  start_seconds double precision not null,
  end_seconds double precision not null check (end_seconds > start_seconds),
  note text not null default '',
  created_at timestamptz not null default now()
);
create index playlist_items_playlist on playlist_items (playlist_id, position);

create table playlist_assignments (
  playlist_id bigint not null references playlists (id) on delete cascade,
  user_id bigint not null references users (id) on delete cascade,
  assigned_by bigint not null references users (id),
  assigned_at timestamptz not null default now(),
  due_at timestamptz,
  completed_at timestamptz,
  primary key (playlist_id, user_id)
);
create index playlist_assignments_user on playlist_assignments (user_id);

-- What one user has played of one clip: merged [from, to] ranges in seconds of the recording.
create table playlist_progress (
  item_id bigint not null references playlist_items (id) on delete cascade,
  user_id bigint not null references users (id) on delete cascade,
  played_ranges jsonb not null default '[]'::jsonb,
  watched_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (item_id, user_id)
);

-- Who changed what: created, edited, item added/changed/removed/reordered, assigned, deleted.
create table playlist_events (
  id bigint generated always as identity primary key,
  playlist_id bigint not null,
  actor_id bigint not null references users (id),
  action text not null,
  details jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create index playlist_events_playlist on playlist_events (playlist_id, id);

-- Quality assurance: versioned scorecards, evaluations of recording activities, disputes, annotations.

-- A scorecard is a name and a pointer to its current version. Every edit publishes a new version.
create table scorecards (
  id bigint generated always as identity primary key,
  name text not null,
  current_version integer not null,
  archived_at timestamptz,
  created_at timestamptz not null default now()
);

-- Immutable: an evaluation keeps pointing at the version it was made with, definition and all.
create table scorecard_versions (
  scorecard_id bigint not null references scorecards (id),
  version integer not null check (version > 0),
  definition jsonb not null,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  primary key (scorecard_id, version)
);

-- One reviewer's evaluation of one recording activity. `version` counts writes (optimistic concurrency),
-- `revision` counts the submitted contents (1, then +1 for each revision made on a dispute).
create table evaluations (
  id bigint generated always as identity (start with 700001) primary key,
  activity_id bigint not null references activities (id),
  scorecard_id bigint not null,
  scorecard_version integer not null,
  evaluator_id bigint not null references users (id),
  status text not null check (status in ('draft', 'submitted', 'acknowledged', 'disputed')),
  version integer not null default 1,
  revision integer not null default 1,
  ratings jsonb not null default '{}'::jsonb,
  overall_comment text,
  score double precision,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  acknowledged_at timestamptz,
  foreign key (scorecard_id, scorecard_version) references scorecard_versions (scorecard_id, version)
);
create index evaluations_activity on evaluations (activity_id);
create index evaluations_evaluator on evaluations (evaluator_id);

-- Every submitted content of an evaluation, kept when a dispute revises it.
create table evaluation_revisions (
  evaluation_id bigint not null references evaluations (id),
  revision integer not null,
  ratings jsonb not null,
  overall_comment text,
  score double precision,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  primary key (evaluation_id, revision)
);

create table evaluation_disputes (
  id bigint generated always as identity primary key,
  evaluation_id bigint not null references evaluations (id),
  revision integer not null,
  reason text not null,
  raised_by bigint not null references users (id),
  raised_at timestamptz not null default now(),
  outcome text check (outcome in ('revised', 'upheld')),
  resolution_comment text,
  resolved_by bigint references users (id),
  resolved_at timestamptz
);
create index evaluation_disputes_evaluation on evaluation_disputes (evaluation_id);
-- At most one open dispute per evaluation, whatever two instances do at once.
create unique index evaluation_disputes_one_open on evaluation_disputes (evaluation_id) where resolved_at is null;

-- The audit trail of an evaluation: who did what, when.
create table evaluation_events (
  id bigint generated always as identity primary key,
  evaluation_id bigint not null references evaluations (id),
  actor_id bigint not null references users (id),
  action text not null check (action in ('created', 'edited', 'submitted', 'acknowledged', 'disputed', 'revised', 'upheld')),
  at timestamptz not null default now(),
  details jsonb not null default '{}'::jsonb
);
create index evaluation_events_evaluation on evaluation_events (evaluation_id, at, id);

create table annotations (
  id bigint generated always as identity primary key,
  activity_id bigint not null references activities (id),
  author_id bigint not null references users (id),
  start_seconds double precision not null check (start_seconds >= 0),
  end_seconds double precision check (end_seconds > start_seconds),
  body text not null,
  tags jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index annotations_activity on annotations (activity_id, start_seconds);

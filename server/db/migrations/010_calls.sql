-- WebRTC calls: started by an agent (or admin) on a conversation, joined by a guest through a signed,
-- single-use link. Signalling itself is never stored; only who is on the call and how it ended.
create table calls (
  id uuid primary key,
  object_id bigint not null references objects (id),
  -- The person who started the call: the host, whose browser records it.
  host_id bigint not null references users (id),
  state text not null default 'waiting' check (state in ('waiting', 'active', 'ended')),
  created_at timestamptz not null default now(),
  link_expires_at timestamptz not null,
  -- Set once, when the guest link is first used; the guest key (hashed) lets that guest reconnect.
  guest_joined_at timestamptz,
  guest_key_hash text,
  -- The host's signalling presence, for ending a call whose host vanished (crashed tab).
  host_connected_at timestamptz,
  host_left_at timestamptz,
  ended_at timestamptz,
  end_reason text
);
create index calls_object on calls (object_id);

-- Signalling messages too large for a PostgreSQL NOTIFY payload (8000 bytes), passed between instances by
-- reference and deleted after a minute.
create table call_signals (
  id bigint generated always as identity primary key,
  body text not null,
  created_at timestamptz not null default now()
);

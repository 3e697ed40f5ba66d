-- From zero without the demo: users can be deactivated, conversations carry the integration's own id,
-- and one-time links (the first administrator's setup link, set-password links) are stored as hashes.

alter table users add column active boolean not null default true;

alter table objects add column external_id text unique;

create table one_time_links (
  token_hash text primary key,
  purpose text not null check (purpose in ('setup', 'set_password')),
  -- The user a set-password link is for; null for the setup link, which creates its user.
  user_id bigint references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  -- Null: valid until used or replaced (the setup link lives until the next start).
  expires_at timestamptz,
  used_at timestamptz
);
create index one_time_links_user on one_time_links (user_id);

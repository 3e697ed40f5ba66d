-- Searches a user named, shown on their home page with the count of hits that arrived since they last
-- opened each one. `query` is the search page's URL query string.

create table saved_searches (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  name text not null,
  query text not null,
  last_opened_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);

create index saved_searches_user on saved_searches (user_id, id);

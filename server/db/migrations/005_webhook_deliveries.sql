-- The webhook outbox: the transaction that creates a recording activity also inserts its delivery, so a
-- crash cannot lose it; a worker on any instance sends due rows (claimed with `for update skip locked`).

create table webhook_deliveries (
  id bigint generated always as identity primary key,
  activity_id bigint not null references activities (id),
  event text not null,
  -- The JSON body exactly as it is sent and signed.
  payload text not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  -- Set after the last allowed attempt failed: the row is kept for the record, never sent again.
  dead_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);

create index webhook_deliveries_due on webhook_deliveries (next_attempt_at)
  where delivered_at is null and dead_at is null;

-- A recording made by a call carries the call's id: one call, one recording, however many of the agent's
-- tabs create or complete it. A call recording whose client went quiet is completed from what arrived
-- (cut short) instead of being failed and deleted, so the sweep looks them up by idleness too.

alter table recordings add column call_id text;

create unique index recordings_call_id on recordings (call_id) where call_id is not null;

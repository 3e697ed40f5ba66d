-- Webhook bodies are built when each attempt is sent, so every attempt carries a recordingUrl signed from
-- that moment (a body stored at completion could carry an expired one by a late retry). A delivery keeps
-- only its activity and event; `payload` is no longer written, and the sender ignores what rows queued
-- before this migration hold there (their body is rebuilt from the activity like any other).
-- Kept nullable rather than dropped so that an instance of the previous release, still running during a
-- rolling deploy, can go on inserting into it.

alter table webhook_deliveries alter column payload drop not null;

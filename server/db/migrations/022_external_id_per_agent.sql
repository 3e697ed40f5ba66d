-- An externalId is unique per agent, not across the organisation: an agent may only create recordings
-- of their own, so the answer to a reused key (200, or 409 for another of their own conversations)
-- never tells them whether another agent used it.
alter table recordings drop constraint recordings_external_id_key;
create unique index recordings_agent_external_id on recordings (agent_id, external_id);

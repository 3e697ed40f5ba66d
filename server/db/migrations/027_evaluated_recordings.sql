-- The recordings evaluations are about: the live ones, and what deletion left of the others. Evaluations
-- outlive their recording (retention, deletion on request); reading them through this view keeps them
-- visible to whoever could see the recording, with the moment it was deleted. The columns are those the
-- visibility rule reads on `activities`, so the rule applies unchanged.
create view evaluated_recordings as
  select a.id, a.object_id, a.user_id, a.activity_type, null::timestamptz as deleted_at
  from activities a
  where a.activity_type = 27
  union all
  select d.activity_id, d.object_id, d.agent_id, 27, d.deleted_at
  from deleted_recordings d;

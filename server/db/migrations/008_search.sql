-- Search over recordings: one row per recording activity with what the filters, sorts and facets read,
-- and one tsvector of the text everyone who may see the recording may read (conversation title,
-- annotation notes and tags, comments of evaluations that are not drafts, dispute reasons). Triggers keep
-- it current whichever module writes; drafts stay out, so no snippet can leak another reviewer's draft.
-- qa_state here is what everyone sees (not_evaluated, submitted, disputed); a caller's own draft is added
-- at query time.

create table recording_search (
  activity_id bigint primary key references activities (id) on delete cascade,
  object_id bigint not null,
  team_id bigint not null,
  object_agent_id bigint not null,
  agent_id bigint,
  created_time timestamptz not null,
  duration_seconds double precision not null,
  file_size bigint not null,
  title text not null,
  qa_state text not null,
  score double precision,
  scorecard_ids bigint[] not null,
  critical_failed boolean not null,
  tags text[] not null,
  document tsvector not null
);

create index recording_search_newest on recording_search (created_time desc, activity_id desc);

create index recording_search_team on recording_search (team_id, created_time desc, activity_id desc);

create index recording_search_agent on recording_search (agent_id, created_time desc, activity_id desc);

create index recording_search_document on recording_search using gin (document);

create index recording_search_tags on recording_search using gin (tags);

create index evaluations_draft_author on evaluations (evaluator_id, activity_id) where status = 'draft';

-- Rebuilds the search row of one recording activity from its sources (nothing when it is not one).
create function recording_search_refresh(target bigint) returns void language sql as $$
  insert into recording_search as s (activity_id, object_id, team_id, object_agent_id, agent_id, created_time,
    duration_seconds, file_size, title, qa_state, score, scorecard_ids, critical_failed, tags, document)
  select a.id, o.id, o.team_id, o.agent_id, a.user_id, a.created_time,
    coalesce(r.duration_seconds, 0), coalesce(r.file_size, 0), o.title,
    case when bool_or(e.status = 'disputed') then 'disputed'
         when count(e.id) > 0 then 'submitted' else 'not_evaluated' end,
    (array_agg(e.score order by e.submitted_at desc nulls last, e.id desc) filter (where e.id is not null))[1],
    coalesce(array_agg(distinct e.scorecard_id) filter (where e.id is not null), '{}'),
    coalesce(bool_or(exists (
      select 1 from scorecard_versions v,
        jsonb_array_elements(v.definition -> 'sections') sec,
        jsonb_array_elements(sec -> 'criteria') c
      where v.scorecard_id = e.scorecard_id and v.version = e.scorecard_version
        and (c ->> 'critical')::boolean
        and e.ratings -> (c ->> 'id') ->> 'value' = case when c ->> 'scale' = 'binary' then '0' else '1' end
    )), false),
    coalesce((select array_agg(distinct lower(t)) from annotations n, jsonb_array_elements_text(n.tags) t
              where n.activity_id = a.id), '{}'),
    setweight(to_tsvector('english', o.title), 'A')
    || setweight(to_tsvector('english', coalesce((
         select string_agg(n.body || ' ' || coalesce((select string_agg(t, ' ') from jsonb_array_elements_text(n.tags) t), ''), ' ')
         from annotations n where n.activity_id = a.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce(string_agg(coalesce(e.overall_comment, '') || ' ' || coalesce((
         select string_agg(rating.value ->> 'comment', ' ') from jsonb_each(e.ratings) rating), ''), ' '), '')), 'C')
    || setweight(to_tsvector('english', coalesce((
         select string_agg(d.reason, ' ') from evaluation_disputes d join evaluations de on de.id = d.evaluation_id
         where de.activity_id = a.id), '')), 'C')
  from activities a
  join objects o on o.id = a.object_id
  join recordings r on r.id = a.recording_id
  left join evaluations e on e.activity_id = a.id and e.status <> 'draft'
  where a.id = target and a.activity_type = 27
  group by a.id, o.id, r.id
  on conflict (activity_id) do update set object_id = excluded.object_id, team_id = excluded.team_id,
    object_agent_id = excluded.object_agent_id, agent_id = excluded.agent_id, created_time = excluded.created_time,
    duration_seconds = excluded.duration_seconds, file_size = excluded.file_size, title = excluded.title,
    qa_state = excluded.qa_state, score = excluded.score, scorecard_ids = excluded.scorecard_ids,
    critical_failed = excluded.critical_failed, tags = excluded.tags, document = excluded.document
$$;

-- Trigger bodies stay on one line: migrations split statements at semicolons that end a line.
create function recording_search_on_activity() returns trigger language plpgsql as $$
begin if new.activity_type = 27 then perform recording_search_refresh(new.id); end if; return null; end $$;

create function recording_search_on_child() returns trigger language plpgsql as $$
begin if tg_op <> 'INSERT' then perform recording_search_refresh(old.activity_id); end if; if tg_op <> 'DELETE' then perform recording_search_refresh(new.activity_id); end if; return null; end $$;

create function recording_search_on_dispute() returns trigger language plpgsql as $$
begin perform recording_search_refresh((select activity_id from evaluations where id = new.evaluation_id)); return null; end $$;

create function recording_search_on_object() returns trigger language plpgsql as $$
begin perform recording_search_refresh(a.id) from activities a where a.object_id = new.id and a.activity_type = 27; return null; end $$;

create function recording_search_on_recording() returns trigger language plpgsql as $$
begin perform recording_search_refresh(a.id) from activities a where a.recording_id = new.id; return null; end $$;

create trigger recording_search_recording after update of duration_seconds, file_size on recordings
  for each row execute function recording_search_on_recording();

create trigger recording_search_activity after insert or update of object_id, user_id, created_time on activities
  for each row execute function recording_search_on_activity();

create trigger recording_search_annotation after insert or update or delete on annotations
  for each row execute function recording_search_on_child();

create trigger recording_search_evaluation after insert or update or delete on evaluations
  for each row execute function recording_search_on_child();

create trigger recording_search_dispute after insert or update on evaluation_disputes
  for each row execute function recording_search_on_dispute();

create trigger recording_search_object after update of title, team_id, agent_id on objects
  for each row execute function recording_search_on_object();

select recording_search_refresh(id) from activities where activity_type = 27;

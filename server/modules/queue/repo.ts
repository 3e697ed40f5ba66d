// SQL for the caller's queue: recordings to evaluate, drafts, evaluations to acknowledge, recent recordings.
// Every read applies the one visibility rule (`visibleActivities`); `$1` is the caller's id, `$2` the limit.
import type { CurrentUser } from '../../../contract/auth';
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';
import { userRefSql } from '../../lib/user-ref';
import { visibleActivities } from '../access/visibility';

export interface QueueRecordingRow {
  activity_id: string;
  object_id: string;
  object_title: string;
  agent_id: string;
  agent_first_name: string;
  agent_last_name: string;
  timestamp: Date;
  duration: number;
}

/** Recording activities `a` with their object `o`, agent `ag` and recording `r`, plus `extra` columns; append joins and conditions. */
const selectRecordings = (
  extra: string,
) => `select ${extra} a.id::text as activity_id, a.object_id::text as object_id, o.title as object_title,
       ${userRefSql('ag', 'agent')}, coalesce(r.started_at, a.created_time) as timestamp,
       coalesce(r.duration_seconds, 0)::int as duration
  from activities a
  join objects o on o.id = a.object_id
  join users ag on ag.id = coalesce(a.user_id, o.agent_id)
  left join recordings r on r.id = a.recording_id`;

const NEWEST_FIRST = 'order by a.created_time desc, a.id desc limit $2';

export function queueRepo(db: Queryable) {
  return {
    /** Visible recordings nobody has submitted an evaluation of and the caller has no draft on. */
    async toEvaluate(user: CurrentUser, limit: number) {
      const { rows } = await db.query<QueueRecordingRow & { total: number }>(
        `${selectRecordings('count(*) over ()::int as total,')}
         where a.activity_type = ${RECORDING_ACTIVITY_TYPE} and ${visibleActivities(user, '$1')}
           and not exists (select 1 from evaluations e
                           where e.activity_id = a.id and (e.status <> 'draft' or e.evaluator_id = $1))
         ${NEWEST_FIRST}`,
        [user.id, limit],
      );
      return rows;
    },

    /** Visible recordings the caller has a draft on, with the draft. */
    async drafts(user: CurrentUser, limit: number) {
      const { rows } = await db.query<QueueRecordingRow & { evaluation_id: string; score: number | null }>(
        `${selectRecordings('e.id::text as evaluation_id, e.score,')}
         join evaluations e on e.activity_id = a.id and e.status = 'draft' and e.evaluator_id = $1
         where a.activity_type = ${RECORDING_ACTIVITY_TYPE} and ${visibleActivities(user, '$1')}
         order by a.created_time desc, a.id desc, e.id desc limit $2`,
        [user.id, limit],
      );
      return rows;
    },

    /** Submitted evaluations of the caller's own recordings that they have neither acknowledged nor disputed. */
    async toAcknowledge(user: CurrentUser, limit: number) {
      const { rows } = await db.query<
        QueueRecordingRow & {
          evaluation_id: string;
          score: number | null;
          submitted_at: Date;
          evaluator_id: string;
          evaluator_first_name: string;
          evaluator_last_name: string;
        }
      >(
        `${selectRecordings(
          `e.id::text as evaluation_id, e.score, e.submitted_at, ${userRefSql('ev', 'evaluator')},`,
        )}
         join evaluations e on e.activity_id = a.id and e.status = 'submitted'
         join users ev on ev.id = e.evaluator_id
         where a.activity_type = ${RECORDING_ACTIVITY_TYPE} and a.user_id = $1 and ${visibleActivities(user, '$1')}
         order by e.submitted_at desc, e.id desc limit $2`,
        [user.id, limit],
      );
      return rows;
    },

    /** The latest visible recordings, each with its latest submitted evaluation's score. */
    async recent(user: CurrentUser, limit: number) {
      const { rows } = await db.query<QueueRecordingRow & { latest_score: number | null }>(
        `${selectRecordings('latest.score as latest_score,')}
         left join lateral (
           select e.score from evaluations e
           where e.activity_id = a.id and e.status <> 'draft'
           order by e.submitted_at desc, e.id desc limit 1
         ) latest on true
         where a.activity_type = ${RECORDING_ACTIVITY_TYPE} and ${visibleActivities(user, '$1')}
         ${NEWEST_FIRST}`,
        [user.id, limit],
      );
      return rows;
    },

    /** Open disputes on recordings the caller may see, as GET /api/disputes lists them. */
    async openDisputes(user: CurrentUser) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n
         from evaluation_disputes d
         join evaluations e on e.id = d.evaluation_id
         join evaluated_recordings a on a.id = e.activity_id
         join objects o on o.id = a.object_id
         where d.resolved_at is null and ${visibleActivities(user, '$1')}`,
        [user.id],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
export type QueueRepo = ReturnType<typeof queueRepo>;

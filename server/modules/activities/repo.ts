// SQL for conversations (objects) and their activities, always filtered by what the caller may see.
import type { Queryable } from '../../db/database';
import type { CurrentUser } from '../../../contract/auth';
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import { visibility } from '../access/visibility';

export interface ObjectRow {
  object_id: string;
  title: string;
  team_id: string;
  team_name: string;
  agent_id: string;
  agent_first_name: string;
  agent_last_name: string;
  last_activity_time: Date | null;
  recording_count: number;
}

export interface ActivityRow {
  id: string;
  object_id: string;
  activity_type: number;
  created_time: Date;
  created_time_key: string;
  data: unknown;
  user_id: string | null;
  first_name: string | null;
  last_name: string | null;
  storage_key: string | null;
  started_at: Date | null;
  duration_seconds: number | null;
  file_size: string | null;
}

/** Selects `ActivityRow`s: activities `a` with their user `u` and recording `r`; append the where clause. */
export const SELECT_ACTIVITY_ROWS = `select a.id::text as id, a.object_id::text as object_id, a.activity_type,
         a.created_time, a.created_time::text as created_time_key, a.data,
         u.id::text as user_id, u.first_name, u.last_name,
         r.storage_key, r.started_at, r.duration_seconds, r.file_size::text as file_size
  from activities a
  left join users u on u.id = a.user_id
  left join recordings r on r.id = a.recording_id`;

export interface ActivityPage {
  objectId: string;
  activityType?: number;
  limit?: number;
  after?: { time: string; id: string };
}

export function activitiesRepo(db: Queryable) {
  return {
    async listObjects(user: CurrentUser) {
      const scope = visibility(user, '$1');
      const { rows } = await db.query<ObjectRow>(
        `select o.id::text as object_id, o.title, t.id::text as team_id, t.name as team_name,
                u.id::text as agent_id, u.first_name as agent_first_name, u.last_name as agent_last_name,
                stats.last_activity_time, coalesce(stats.recording_count, 0)::int as recording_count
         from objects o
         join teams t on t.id = o.team_id
         join users u on u.id = o.agent_id
         left join lateral (
           select max(a.created_time) as last_activity_time,
                  count(*) filter (where a.activity_type = ${RECORDING_ACTIVITY_TYPE}) as recording_count
           from activities a where a.object_id = o.id and ${scope.activities}
         ) stats on true
         where ${scope.objects}
         order by stats.last_activity_time desc nulls last, o.id desc`,
        [user.id],
      );
      return rows;
    },

    async listActivities(user: CurrentUser, page: ActivityPage) {
      const scope = visibility(user, '$1');
      const params: unknown[] = [user.id, page.objectId];
      const where = ['a.object_id = $2', scope.activities];
      if (page.activityType !== undefined) {
        params.push(page.activityType);
        where.push(`a.activity_type = $${params.length}`);
      }
      if (page.after) {
        params.push(page.after.time, page.after.id);
        where.push(
          `(a.created_time, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
        );
      }
      let limit = '';
      if (page.limit !== undefined) {
        // One more than asked tells whether another page exists.
        params.push(page.limit + 1);
        limit = `limit $${params.length}`;
      }
      const { rows } = await db.query<ActivityRow>(
        `${SELECT_ACTIVITY_ROWS}
         where ${where.join(' and ')}
         order by a.created_time desc, a.id desc
         ${limit}`,
        params,
      );
      return rows;
    },

    /** The stored media of recording activity `activityId` (callers check access first). */
    async mediaOf(activityId: string) {
      const { rows } = await db.query<{ storage_key: string; container: string | null }>(
        `select r.storage_key, r.container from activities a join recordings r on r.id = a.recording_id
         where a.id = $1 and r.storage_key is not null`,
        [activityId],
      );
      return rows[0] ?? null;
    },
  };
}
export type ActivitiesRepo = ReturnType<typeof activitiesRepo>;

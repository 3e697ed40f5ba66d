// Who may see a recording activity, and what each role may do with it.
import type { CurrentUser } from '../../../contract/auth';
import type { Queryable } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import { visibility } from '../activities/visibility';

/** SQL condition on `a` (a recording activity) and `o` (its object) for what `user` may see; `param` holds the user's id. */
export function recordingVisibleTo(user: CurrentUser, param: string): string {
  const rule = visibility(user, param);
  return `(${rule.objects} and ${rule.activities})`;
}

export interface RecordingRef {
  activityId: string;
  objectId: string;
  teamId: string;
  agentId: string;
  durationSeconds: number;
}

/** The recording activity (type 27) if `user` may see it; null for unknown and invisible alike. */
export async function findVisibleRecording(
  db: Queryable,
  user: CurrentUser,
  activityId: string,
): Promise<RecordingRef | null> {
  const { rows } = await db.query<RecordingRef>(
    `select a.id::text as "activityId", a.object_id::text as "objectId", o.team_id::text as "teamId",
            a.user_id::text as "agentId", coalesce(r.duration_seconds, 0) as "durationSeconds"
     from activities a
     join objects o on o.id = a.object_id
     left join recordings r on r.id = a.recording_id
     where a.id = $2 and a.activity_type = 27 and ${recordingVisibleTo(user, '$1')}`,
    [user.id, activityId],
  );
  return rows[0] ?? null;
}

export async function requireVisibleRecording(db: Queryable, user: CurrentUser, activityId: string) {
  const recording = await findVisibleRecording(db, user, activityId);
  if (!recording) throw notFound(`Recording activity ${activityId}`);
  return recording;
}

export function forbidden(description: string) {
  return new HttpError(403, description);
}

/** A user reference as the contract shows it, from `<prefix>_id`, `<prefix>_first_name`, `<prefix>_last_name`. */
export function userRefSql(alias: string, prefix: string): string {
  return `${alias}.id::text as ${prefix}_id, ${alias}.first_name as ${prefix}_first_name, ${alias}.last_name as ${prefix}_last_name`;
}

export function userRef(row: object, prefix: string) {
  const fields = row as Record<string, unknown>;
  return {
    id: String(fields[`${prefix}_id`]),
    first_name: String(fields[`${prefix}_first_name`] ?? ''),
    last_name: String(fields[`${prefix}_last_name`] ?? ''),
  };
}

/** SQL condition on `o` (objects) for conversations `user` may see, as in the Activities API. */
export function objectVisibleTo(user: CurrentUser, param: string): string {
  return visibility(user, param).objects;
}

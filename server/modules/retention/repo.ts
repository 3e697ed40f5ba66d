// SQL for retention, deletion and legal holds: team policies, holds, the recordings a run would delete,
// deleting one recording's rows, and the lease that lets one instance run the daily job.
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';

export type HoldTarget = 'recording' | 'conversation' | 'agent';

export interface HoldRow {
  id: string;
  target: HoldTarget;
  targetId: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  releasedAt: Date | null;
}

export interface ExpiredRecording {
  activityId: string;
  objectId: string;
  teamId: string;
  createdTime: Date;
  /** The first active hold that keeps it, if any. */
  holdId: string | null;
  holdReason: string | null;
}

const HOLD_COLUMNS = `h.id::text as id,
  case when h.activity_id is not null then 'recording' when h.object_id is not null then 'conversation' else 'agent' end as target,
  coalesce(h.activity_id, h.object_id, h.agent_id)::text as "targetId",
  h.reason, u.username as "createdBy", h.created_at as "createdAt", h.released_at as "releasedAt"`;

/** Active holds `h` that cover the recording activity `a`. */
const COVERS = `h.released_at is null
  and (h.activity_id = a.id or h.object_id = a.object_id or h.agent_id = a.user_id)`;

export function retentionRepo(db: Queryable) {
  return {
    async teams() {
      const { rows } = await db.query<{ id: string; name: string; days: number | null }>(
        'select id::text as id, name, retention_days as days from teams order by name',
      );
      return rows;
    },

    async setTeamRetention(teamId: string, days: number | null) {
      const { rows } = await db.query<{
        id: string;
        name: string;
        days: number | null;
        previous: number | null;
      }>(
        `update teams t set retention_days = $2 from teams prior
         where t.id = $1 and prior.id = t.id
         returning t.id::text as id, t.name, t.retention_days as days, prior.retention_days as previous`,
        [teamId, days],
      );
      return rows[0] ?? null;
    },

    async createHold(target: HoldTarget, targetId: string, reason: string, createdBy: string) {
      const column = { recording: 'activity_id', conversation: 'object_id', agent: 'agent_id' }[target];
      const { rows } = await db.query<{ id: string }>(
        `insert into legal_holds (${column}, reason, created_by) values ($1, $2, $3) returning id::text as id`,
        [targetId, reason, createdBy],
      );
      return rows[0]!.id;
    },

    async holds(includeReleased: boolean) {
      const { rows } = await db.query<HoldRow>(
        `select ${HOLD_COLUMNS} from legal_holds h join users u on u.id = h.created_by
         where $1 or h.released_at is null order by h.id desc limit 1000`,
        [includeReleased],
      );
      return rows;
    },

    async hold(id: string) {
      const { rows } = await db.query<HoldRow>(
        `select ${HOLD_COLUMNS} from legal_holds h join users u on u.id = h.created_by where h.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async releaseHold(id: string, releasedBy: string) {
      const { rows } = await db.query<{ id: string }>(
        `update legal_holds set released_at = now(), released_by = $2
         where id = $1 and released_at is null returning id::text as id`,
        [id, releasedBy],
      );
      return rows.length > 0;
    },

    /** Active holds on recording `activityId` (directly, its conversation, or its agent). */
    async holdsOn(activityId: string, tx: Queryable = db) {
      const { rows } = await tx.query<HoldRow>(
        `select ${HOLD_COLUMNS} from activities a
         join legal_holds h on ${COVERS}
         join users u on u.id = h.created_by
         where a.id = $1 order by h.id`,
        [activityId],
      );
      return rows;
    },

    /**
     * Recordings past their team's retention at `now` — a recording is as old as the call (its start,
     * else its activity) — oldest first after `after` (keyset), each with a hold that keeps it.
     */
    async expired(now: Date, limit: number, after: { createdTime: Date; activityId: string } | null) {
      const { rows } = await db.query<ExpiredRecording>(
        `select a.id::text as "activityId", a.object_id::text as "objectId", o.team_id::text as "teamId",
                coalesce(r.started_at, a.created_time) as "createdTime", hold.id::text as "holdId", hold.reason as "holdReason"
         from activities a
         join objects o on o.id = a.object_id
         join teams t on t.id = o.team_id
         left join recordings r on r.id = a.recording_id
         left join lateral (select h.id, h.reason from legal_holds h where ${COVERS} order by h.id limit 1) hold
           on true
         where a.activity_type = ${RECORDING_ACTIVITY_TYPE} and t.retention_days is not null
           and coalesce(r.started_at, a.created_time) < $1::timestamptz - make_interval(days => t.retention_days)
           and ($3::timestamptz is null
             or (coalesce(r.started_at, a.created_time), a.id) > ($3::timestamptz, $4::bigint))
         order by coalesce(r.started_at, a.created_time), a.id limit $2`,
        [now, limit, after?.createdTime ?? null, after?.activityId ?? null],
      );
      return rows;
    },

    /**
     * Deletes recording `activityId`'s rows in `tx` (its activity leaves every API; annotations and
     * pending webhooks go with it; evaluations stay, marked) and leaves a tombstone with the reason.
     * Returns the media key to delete, or null when the activity is not (or no longer) there.
     */
    async deleteRecording(
      tx: Queryable,
      activityId: string,
      reason: string,
      deletedBy: string | null,
    ): Promise<{ found: boolean; storageKey: string | null }> {
      const { rows } = await tx.query<{
        objectId: string;
        agentId: string | null;
        recordingId: string | null;
        storageKey: string | null;
      }>(
        `select a.object_id::text as "objectId", a.user_id::text as "agentId", a.recording_id::text as "recordingId",
                r.storage_key as "storageKey"
         from activities a left join recordings r on r.id = a.recording_id
         where a.id = $1 and a.activity_type = ${RECORDING_ACTIVITY_TYPE} for update of a`,
        [activityId],
      );
      const row = rows[0];
      if (!row) return { found: false, storageKey: null };
      await tx.query('delete from annotations where activity_id = $1', [activityId]);
      await tx.query(
        'update evaluations set recording_deleted_at = now() where activity_id = $1 and recording_deleted_at is null',
        [activityId],
      );
      await tx.query('delete from webhook_deliveries where activity_id = $1', [activityId]);
      await tx.query('delete from activities where id = $1', [activityId]);
      if (row.recordingId) await tx.query('delete from recordings where id = $1', [row.recordingId]);
      // A media object another recording still uses (the demo's clips are shared) stays in the store.
      const shared =
        row.storageKey !== null &&
        (await tx.query('select 1 from recordings where storage_key = $1 limit 1', [row.storageKey])).rows
          .length > 0;
      const storageKey = shared ? null : row.storageKey;
      await tx.query(
        `insert into deleted_recordings (activity_id, object_id, agent_id, storage_key, reason, deleted_by, media_deleted_at)
         values ($1, $2, $3, $4, $5, $6, case when $4::text is null then now() end)`,
        [activityId, row.objectId, row.agentId, storageKey, reason, deletedBy],
      );
      return { found: true, storageKey };
    },

    /** Media of deleted recordings whose object is still in the store (a delete that failed). */
    async mediaLeftBehind() {
      const { rows } = await db.query<{ activityId: string; storageKey: string }>(
        `select activity_id::text as "activityId", storage_key as "storageKey" from deleted_recordings
         where media_deleted_at is null and storage_key is not null order by deleted_at limit 1000`,
      );
      return rows;
    },

    async markMediaDeleted(activityId: string) {
      await db.query('update deleted_recordings set media_deleted_at = now() where activity_id = $1', [
        activityId,
      ]);
    },

    /**
     * Takes the lease on job `name` for `seconds` if nobody holds it and it last ran at least
     * `everySeconds` ago; true when this caller got it.
     */
    async takeLease(name: string, holder: string, seconds: number, everySeconds: number) {
      const { rows } = await db.query<{ holder: string }>(
        `insert into job_leases (name, holder, held_until) values ($1, $2, now() + make_interval(secs => $3))
         on conflict (name) do update set holder = excluded.holder, held_until = excluded.held_until
         where job_leases.held_until < now()
           and (job_leases.last_run_at is null or job_leases.last_run_at < now() - make_interval(secs => $4))
         returning holder`,
        [name, holder, seconds, everySeconds],
      );
      return rows[0]?.holder === holder;
    },

    async finishLease(name: string, holder: string) {
      await db.query(
        `update job_leases set held_until = now(), last_run_at = now() where name = $1 and holder = $2`,
        [name, holder],
      );
    },
  };
}
export type RetentionRepo = ReturnType<typeof retentionRepo>;

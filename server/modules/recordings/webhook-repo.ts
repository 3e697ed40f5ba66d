// SQL for the webhook outbox (webhook_deliveries).
import type { Queryable } from '../../db/database';
import { SELECT_ACTIVITY_ROWS, type ActivityRow } from '../activities/repo';

export interface DueDelivery {
  id: string;
  activity_id: string;
  event: string;
  attempts: number;
}

export function webhookRepo(db: Queryable) {
  return {
    /** Queues a delivery; call in the transaction that creates the activity. */
    async enqueue(activityId: string, event: string): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `insert into webhook_deliveries (activity_id, event) values ($1, $2) returning id::text as id`,
        [activityId, event],
      );
      return rows[0]!.id;
    },

    /**
     * Claims up to `limit` due deliveries for `leaseSeconds`: counts the attempt and moves
     * next_attempt_at past the lease, so no other instance takes them meanwhile (`skip locked` keeps two
     * claiming at once apart). A claim a crashed instance never settles is due again when the lease ends.
     */
    async claimDue(limit: number, leaseSeconds: number): Promise<DueDelivery[]> {
      const { rows } = await db.query<DueDelivery>(
        `update webhook_deliveries set attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => $2)
         where id in (
           select id from webhook_deliveries
           where delivered_at is null and dead_at is null and next_attempt_at <= now()
           order by next_attempt_at limit $1
           for update skip locked)
         returning id::text as id, activity_id::text as activity_id, event, attempts`,
        [limit, leaseSeconds],
      );
      return rows;
    },

    /** The activity a delivery announces, read as the Activities API reads it. */
    async findActivityRow(activityId: string): Promise<ActivityRow | null> {
      const { rows } = await db.query<ActivityRow>(`${SELECT_ACTIVITY_ROWS} where a.id = $1`, [activityId]);
      return rows[0] ?? null;
    },

    async markDelivered(id: string) {
      await db.query('update webhook_deliveries set delivered_at = now(), last_error = null where id = $1', [
        id,
      ]);
    },

    async scheduleRetry(id: string, delaySeconds: number, error: string) {
      await db.query(
        `update webhook_deliveries set next_attempt_at = now() + make_interval(secs => $2), last_error = $3
         where id = $1`,
        [id, delaySeconds, error],
      );
    },

    async markDead(id: string, error: string) {
      await db.query('update webhook_deliveries set dead_at = now(), last_error = $2 where id = $1', [
        id,
        error,
      ]);
    },

    /** Gives a claim back untried (the instance is shutting down mid-send). */
    async release(id: string) {
      await db.query(
        'update webhook_deliveries set attempts = attempts - 1, next_attempt_at = now() where id = $1',
        [id],
      );
    },

    /** When the next of these deliveries still pending is due; null when none is pending. */
    async nextDueOf(ids: string[]): Promise<Date | null> {
      const { rows } = await db.query<{ next: Date | null }>(
        `select min(next_attempt_at) as next from webhook_deliveries
         where id = any($1::bigint[]) and delivered_at is null and dead_at is null`,
        [ids],
      );
      return rows[0]?.next ?? null;
    },
  };
}

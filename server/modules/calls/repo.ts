// SQL for calls, nothing else.
import type { Queryable } from '../../db/database';

export interface CallRow {
  id: string;
  objectId: string;
  objectTitle: string;
  hostId: string;
  hostUsername: string;
  hostFirstName: string;
  hostLastName: string;
  state: 'waiting' | 'active' | 'ended';
  createdAt: Date;
  linkExpiresAt: Date;
  guestJoinedAt: Date | null;
  guestKeyHash: string | null;
  endedAt: Date | null;
  endReason: string | null;
}

const COLUMNS = `c.id::text as id, c.object_id::text as "objectId", o.title as "objectTitle",
  c.host_id::text as "hostId", u.username as "hostUsername", u.first_name as "hostFirstName",
  u.last_name as "hostLastName", c.state, c.created_at as "createdAt", c.link_expires_at as "linkExpiresAt",
  c.guest_joined_at as "guestJoinedAt", c.guest_key_hash as "guestKeyHash", c.ended_at as "endedAt",
  c.end_reason as "endReason"`;

export function callsRepo(db: Queryable) {
  return {
    async insert(call: { id: string; objectId: string; hostId: string; linkExpiresAt: Date }) {
      await db.query(`insert into calls (id, object_id, host_id, link_expires_at) values ($1, $2, $3, $4)`, [
        call.id,
        call.objectId,
        call.hostId,
        call.linkExpiresAt,
      ]);
    },

    async find(id: string): Promise<CallRow | null> {
      const { rows } = await db.query<CallRow>(
        `select ${COLUMNS} from calls c join objects o on o.id = c.object_id join users u on u.id = c.host_id
         where c.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    /** Takes the guest link's one use: true for the first caller only, while the call has not ended. */
    async claimGuest(id: string, guestKeyHash: string): Promise<boolean> {
      const { rows } = await db.query(
        `update calls set guest_joined_at = now(), guest_key_hash = $2, state = 'active'
         where id = $1 and guest_joined_at is null and state <> 'ended' returning id`,
        [id, guestKeyHash],
      );
      return rows.length === 1;
    },

    async hostConnected(id: string) {
      await db.query(`update calls set host_connected_at = clock_timestamp() where id = $1`, [id]);
    },

    /** Records that the host's connection ended; returns that moment (as text: exact to the microsecond). */
    async hostLeft(id: string): Promise<string | null> {
      const { rows } = await db.query<{ at: string }>(
        `update calls set host_left_at = clock_timestamp() where id = $1 and state <> 'ended'
         returning host_left_at::text as at`,
        [id],
      );
      return rows[0]?.at ?? null;
    },

    /** Ends the call unless it already ended; with `hostLeftAt`, only if the host never came back since. */
    async end(id: string, reason: string, hostLeftAt?: string): Promise<boolean> {
      const { rows } = await db.query(
        `update calls set state = 'ended', ended_at = now(), end_reason = $2
         where id = $1 and state <> 'ended'
           and ($3::timestamptz is null
                or (host_left_at = $3::timestamptz and (host_connected_at is null or host_connected_at < $3::timestamptz)))
         returning id`,
        [id, reason, hostLeftAt ?? null],
      );
      return rows.length === 1;
    },
  };
}
export type CallsRepo = ReturnType<typeof callsRepo>;

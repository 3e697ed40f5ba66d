// SQL for one-time links: the first administrator's setup link and set-password links, stored as hashes.
import type { Queryable } from '../../db/database';

export type LinkPurpose = 'setup' | 'set_password';

export function linksRepo(db: Queryable) {
  return {
    /** Stores a link; a new setup link replaces the previous one (valid until used or the next start). */
    async insert(link: {
      tokenHash: string;
      purpose: LinkPurpose;
      userId: string | null;
      ttlSeconds: number | null;
    }) {
      if (link.purpose === 'setup') await db.query(`delete from one_time_links where purpose = 'setup'`);
      await db.query(
        `insert into one_time_links (token_hash, purpose, user_id, expires_at)
         values ($1, $2, $3, case when $4::integer is null then null else now() + make_interval(secs => $4::integer) end)`,
        [link.tokenHash, link.purpose, link.userId, link.ttlSeconds],
      );
    },

    /** Marks the link used if it is live; returns its user (null for setup), or undefined if not live. */
    async consume(tokenHash: string, purpose: LinkPurpose) {
      const { rows } = await db.query<{ user_id: string | null }>(
        `update one_time_links set used_at = now()
         where token_hash = $1 and purpose = $2 and used_at is null and (expires_at is null or expires_at > now())
         returning user_id::text as user_id`,
        [tokenHash, purpose],
      );
      return rows.length === 0 ? undefined : rows[0]!.user_id;
    },

    /** Whether the link is live, without using it (the page asks before it shows the form). */
    async isLive(tokenHash: string, purpose: LinkPurpose) {
      const { rows } = await db.query(
        `select 1 from one_time_links l left join users u on u.id = l.user_id
         where l.token_hash = $1 and l.purpose = $2 and l.used_at is null
           and (l.expires_at is null or l.expires_at > now()) and (u.id is null or u.active)`,
        [tokenHash, purpose],
      );
      return rows.length > 0;
    },

    async deleteForUser(userId: string) {
      await db.query('delete from one_time_links where user_id = $1', [userId]);
    },
  };
}

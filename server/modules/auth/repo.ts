// SQL for sessions, API keys and rate-limit windows; users themselves are in users/repo.ts.
import type { Queryable } from '../../db/database';
import { USER_COLUMNS, type UserRow } from '../users/repo';

export interface ApiKeyRow {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const API_KEY_COLUMNS = 'id::text as id, name, created_at, last_used_at, revoked_at';

export function authRepo(db: Queryable) {
  return {
    async createSession(tokenHash: string, userId: string, csrfToken: string, ttlSeconds: number) {
      await db.query(
        `insert into sessions (token_hash, user_id, csrf_token, expires_at)
         values ($1, $2, $3, now() + make_interval(secs => $4))`,
        [tokenHash, userId, csrfToken, ttlSeconds],
      );
    },

    async findSession(tokenHash: string) {
      const { rows } = await db.query<UserRow & { csrf_token: string }>(
        `select ${USER_COLUMNS}, s.csrf_token from sessions s join users u on u.id = s.user_id
         where s.token_hash = $1 and s.expires_at > now() and u.active`,
        [tokenHash],
      );
      return rows[0] ?? null;
    },

    async deleteSession(tokenHash: string) {
      await db.query('delete from sessions where token_hash = $1', [tokenHash]);
    },

    /** Ends every session and API key of a user (deactivation). */
    async endAccessOf(userId: string) {
      await db.query('delete from sessions where user_id = $1', [userId]);
      await db.query('update api_keys set revoked_at = now() where user_id = $1 and revoked_at is null', [
        userId,
      ]);
    },

    /** After a password change: every other session of the user ends, the one that changed it stays. */
    async deleteOtherSessions(userId: string, keepTokenHash: string | null) {
      await db.query('delete from sessions where user_id = $1 and token_hash is distinct from $2', [
        userId,
        keepTokenHash,
      ]);
    },

    async deleteExpiredSessions() {
      await db.query('delete from sessions where expires_at <= now()');
    },

    async findUserByApiKey(keyHash: string) {
      const { rows } = await db.query<UserRow>(
        `update api_keys k set last_used_at = now() from users u
         where k.key_hash = $1 and k.revoked_at is null and u.id = k.user_id and u.active
         returning ${USER_COLUMNS}`,
        [keyHash],
      );
      return rows[0] ?? null;
    },

    async createApiKey(userId: string, name: string, keyHash: string) {
      const { rows } = await db.query<{ id: string }>(
        'insert into api_keys (user_id, name, key_hash) values ($1, $2, $3) returning id::text as id',
        [userId, name, keyHash],
      );
      return rows[0]!.id;
    },

    async findApiKeyByHash(keyHash: string) {
      const { rows } = await db.query<{ id: string; revoked_at: Date | null }>(
        'select id::text as id, revoked_at from api_keys where key_hash = $1',
        [keyHash],
      );
      return rows[0] ?? null;
    },

    async listApiKeys(userId: string) {
      const { rows } = await db.query<ApiKeyRow>(
        `select ${API_KEY_COLUMNS} from api_keys where user_id = $1 order by revoked_at is not null, id desc`,
        [userId],
      );
      return rows;
    },

    async findApiKey(id: string) {
      const { rows } = await db.query<ApiKeyRow>(`select ${API_KEY_COLUMNS} from api_keys where id = $1`, [
        id,
      ]);
      return rows[0] ?? null;
    },

    async revokeApiKey(id: string) {
      const { rows } = await db.query(
        'update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
        [id],
      );
      return rows.length > 0;
    },

    /** Counts one hit in a fixed window; returns the count so far and when the window ends. */
    async hitRateLimit(key: string, windowSeconds: number) {
      const { rows } = await db.query<{ hits: number; reset_at: Date }>(
        `insert into rate_limit_hits as r (key, window_start, hits) values ($1, now(), 1)
         on conflict (key) do update set
           hits = case when r.window_start <= now() - make_interval(secs => $2) then 1 else r.hits + 1 end,
           window_start = case when r.window_start <= now() - make_interval(secs => $2) then now() else r.window_start end
         returning hits, window_start + make_interval(secs => $2) as reset_at`,
        [key, windowSeconds],
      );
      return rows[0]!;
    },

    async deleteExpiredRateLimits(windowSeconds: number) {
      await db.query('delete from rate_limit_hits where window_start <= now() - make_interval(secs => $1)', [
        windowSeconds,
      ]);
    },
  };
}
export type AuthRepo = ReturnType<typeof authRepo>;

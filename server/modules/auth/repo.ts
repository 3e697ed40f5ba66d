// SQL for sessions, API keys and rate-limit windows; users themselves are in users/repo.ts.
import type { Queryable } from '../../db/database';
import { USER_COLUMNS, type TeamRef, type UserRow } from '../users/repo';

/** A credential's user and their teams. */
export type CredentialRow = UserRow & { teams: TeamRef[] };
/** The teams of the users alias `u`, as a json array ordered by name. */
const TEAMS_OF_U = `coalesce((select json_agg(json_build_object('id', t.id::text, 'name', t.name) order by t.name)
   from team_members m join teams t on t.id = m.team_id where m.user_id = u.id), '[]'::json) as teams`;

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

    /** The session's user with their teams, in one indexed query. */
    async findSession(tokenHash: string) {
      const { rows } = await db.query<CredentialRow & { csrf_token: string }>(
        `select ${USER_COLUMNS}, ${TEAMS_OF_U}, s.csrf_token from sessions s join users u on u.id = s.user_id
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

    /** The key's user with their teams, in one indexed query; and when the key was last used. */
    async findApiKey(keyHash: string) {
      const { rows } = await db.query<CredentialRow & { key_id: string; last_used_at: Date | null }>(
        `select ${USER_COLUMNS}, ${TEAMS_OF_U}, k.id::text as key_id, k.last_used_at
         from api_keys k join users u on u.id = k.user_id
         where k.key_hash = $1 and k.revoked_at is null and u.active`,
        [keyHash],
      );
      return rows[0] ?? null;
    },

    /** Bookkeeping, at most once a minute per key: a read path must not write on every request. */
    async touchApiKey(id: string) {
      await db.query(
        `update api_keys set last_used_at = now()
         where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
        [id],
      );
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

    async findApiKeyById(id: string) {
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

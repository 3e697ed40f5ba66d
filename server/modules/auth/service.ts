// Who is calling: sign-in with a password (session cookie) or an API key (Bearer).
import { randomBytes } from 'node:crypto';
import type { CurrentUser } from '../../../contract/auth';
import type { Queryable } from '../../db/database';
import { usersRepo, type UserRow } from '../users/repo';
import { authRepo } from './repo';
import { verifyPassword } from './password';
import { hashToken, newToken } from './tokens';

export interface Principal {
  user: CurrentUser;
  via: 'session' | 'api_key';
  csrfToken: string | null;
}

export function authService(db: Queryable, options: { sessionTtlSeconds: number }) {
  const repo = authRepo(db);
  const users = usersRepo(db);
  async function toCurrentUser(row: UserRow): Promise<CurrentUser> {
    return {
      id: row.id,
      username: row.username,
      first_name: row.first_name,
      last_name: row.last_name,
      role: row.role,
      teams: await users.teamsOf(row.id),
    };
  }

  /** The new session's token (for the cookie) and principal. */
  async function startSession(user: UserRow) {
    const token = newToken();
    const csrfToken = randomBytes(24).toString('base64url');
    await repo.createSession(hashToken(token), user.id, csrfToken, options.sessionTtlSeconds);
    const principal: Principal = { user: await toCurrentUser(user), via: 'session', csrfToken };
    return { token, principal };
  }

  return {
    /** Returns the new session's token (for the cookie) and principal, or null for wrong credentials. */
    async signIn(username: string, password: string) {
      const user = await users.findByUsername(username);
      const valid = await verifyPassword(password, user?.password_hash ?? null);
      if (!user || !valid || !user.active) return null;
      return startSession(user);
    },

    /** A new session for someone who proved who they are another way (single sign-on, a one-time link). */
    startSession,

    async signOut(sessionToken: string) {
      await repo.deleteSession(hashToken(sessionToken));
    },

    async fromSessionToken(token: string): Promise<Principal | null> {
      const row = await repo.findSession(hashToken(token));
      return row ? { user: await toCurrentUser(row), via: 'session', csrfToken: row.csrf_token } : null;
    },

    async fromApiKey(key: string): Promise<Principal | null> {
      const row = await repo.findUserByApiKey(hashToken(key));
      return row ? { user: await toCurrentUser(row), via: 'api_key', csrfToken: null } : null;
    },

    async createApiKey(username: string, name: string) {
      const user = await users.findByUsername(username);
      if (!user) return null;
      const key = newToken('tpl_');
      const id = await repo.createApiKey(user.id, name, hashToken(key));
      return { id, key };
    },
  };
}
export type AuthService = ReturnType<typeof authService>;

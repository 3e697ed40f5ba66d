// Who is calling: sign-in with a password (session cookie) or an API key (Bearer).
import { randomBytes } from 'node:crypto';
import type { CurrentUser } from '../../../contract/auth';
import type { Queryable } from '../../db/database';
import { usersRepo, type UserRow } from '../users/repo';
import { passwordHasher, type PasswordHasher } from './password';
import { authRepo, type CredentialRow } from './repo';
import { hashToken, newToken } from './tokens';

export interface Principal {
  user: CurrentUser;
  via: 'session' | 'api_key';
  /** Names the credential (not its secret): rate limits count per credential. */
  credential: string;
  csrfToken: string | null;
  /** The API key the caller sent (audit entries name it); null for a session. */
  apiKeyId: string | null;
}

export interface AuthOptions {
  sessionTtlSeconds: number;
  /**
   * How long a looked-up credential is trusted without asking the database again. Signing out or
   * revoking on this instance takes effect at once; on another instance within this bound.
   */
  cacheSeconds?: number;
  hasher?: PasswordHasher;
}

const toCurrentUser = (row: CredentialRow): CurrentUser => ({
  id: row.id,
  username: row.username,
  first_name: row.first_name,
  last_name: row.last_name,
  role: row.role,
  teams: row.teams,
});

/** Principals by token hash for a few seconds, so a burst of reads asks the database once. */
function credentialCache(ttlMs: number, maxEntries = 10_000) {
  const entries = new Map<string, { principal: Principal | null; until: number }>();
  return {
    async get(key: string, load: () => Promise<Principal | null>) {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.principal;
      const principal = await load();
      if (ttlMs > 0) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { principal, until: now + ttlMs });
      }
      return principal;
    },
    forget(key: string) {
      entries.delete(key);
    },
    /** Drops every cached principal that `matches` (a revoked key, a deactivated user). */
    forgetWhere(matches: (principal: Principal) => boolean) {
      for (const [key, entry] of entries)
        if (entry.principal && matches(entry.principal)) entries.delete(key);
    },
  };
}

export function authService(db: Queryable, options: AuthOptions) {
  const repo = authRepo(db);
  const users = usersRepo(db);
  const hasher = options.hasher ?? passwordHasher();
  const cache = credentialCache((options.cacheSeconds ?? 5) * 1000);

  /** The new session's token (for the cookie) and principal. */
  async function startSession(user: UserRow) {
    const token = newToken();
    const tokenHash = hashToken(token);
    const csrfToken = randomBytes(24).toString('base64url');
    await repo.createSession(tokenHash, user.id, csrfToken, options.sessionTtlSeconds);
    const principal: Principal = {
      user: toCurrentUser({ ...user, teams: await users.teamsOf(user.id) }),
      via: 'session',
      credential: `session:${tokenHash.slice(0, 16)}`,
      csrfToken,
      apiKeyId: null,
    };
    return { token, principal };
  }

  return {
    hasher,

    /** Returns the new session's token (for the cookie) and principal, or null for wrong credentials. */
    async signIn(username: string, password: string) {
      const user: UserRow | null = await users.findByUsername(username);
      const valid = await hasher.verify(password, user?.password_hash ?? null);
      if (!user || !valid || !user.active) return null;
      return startSession(user);
    },

    /** A new session for someone who proved who they are another way (single sign-on, a one-time link). */
    startSession,

    async signOut(sessionToken: string) {
      const tokenHash = hashToken(sessionToken);
      cache.forget(`session:${tokenHash}`);
      await repo.deleteSession(tokenHash);
    },

    fromSessionToken(token: string): Promise<Principal | null> {
      const tokenHash = hashToken(token);
      return cache.get(`session:${tokenHash}`, async () => {
        const row = await repo.findSession(tokenHash);
        return row
          ? {
              user: toCurrentUser(row),
              via: 'session',
              credential: `session:${tokenHash.slice(0, 16)}`,
              csrfToken: row.csrf_token,
              apiKeyId: null,
            }
          : null;
      });
    },

    fromApiKey(key: string): Promise<Principal | null> {
      const keyHash = hashToken(key);
      return cache.get(`api_key:${keyHash}`, async () => {
        const row = await repo.findApiKey(keyHash);
        if (!row) return null;
        await repo.touchApiKey(row.key_id);
        return {
          user: toCurrentUser(row),
          via: 'api_key',
          credential: `api_key:${row.key_id}`,
          csrfToken: null,
          apiKeyId: row.key_id,
        };
      });
    },

    /** Revokes a key; this instance refuses it at once, others within the cache bound. */
    async revokeApiKey(id: string) {
      cache.forgetWhere((principal) => principal.credential === `api_key:${id}`);
      return repo.revokeApiKey(id);
    },

    /** Forgets a user's cached credentials (their role, teams or standing changed). */
    forgetUser(userId: string) {
      cache.forgetWhere((principal) => principal.user.id === userId);
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

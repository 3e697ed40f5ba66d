// The signed-in person's own account: their API keys and their password. Every key is its owner's
// alone (the access model hides anyone else's), and the key itself is shown once, when it is made.
import type { ApiKey, CreatedApiKey } from '../../../contract/account';
import type { Queryable } from '../../db/database';
import type { AccessControl } from '../access/service';
import type { Actor } from '../access/policy';
import { HttpError } from '../../lib/http';
import { authRepo, type ApiKeyRow } from '../auth/repo';
import type { AuthService } from '../auth/service';
import { hashToken, newToken } from '../auth/tokens';
import { usersRepo } from '../users/repo';

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

export function accountService(db: Queryable, access: AccessControl, auth: AuthService) {
  const keys = authRepo(db);
  const users = usersRepo(db);

  return {
    async listApiKeys(actor: Actor): Promise<ApiKey[]> {
      access.requirePermission(actor, 'account.manage');
      return (await keys.listApiKeys(actor.id)).map(toApiKey);
    },

    async createApiKey(actor: Actor, name: string): Promise<CreatedApiKey> {
      access.requirePermission(actor, 'account.manage');
      const key = newToken('tpl_');
      const id = await keys.createApiKey(actor.id, name, hashToken(key));
      return { ...toApiKey((await keys.findApiKeyById(id))!), key };
    },

    /** Revoking a key that is already revoked changes nothing and succeeds. */
    async revokeApiKey(actor: Actor, id: string): Promise<ApiKey> {
      await access.require(actor, 'apikey.revoke', id);
      await auth.revokeApiKey(id);
      return toApiKey((await keys.findApiKeyById(id))!);
    },

    /**
     * Sets a new password after checking the current one; every other session of the person ends (the
     * one in `sessionToken`, if any, stays signed in). People who sign in through single sign-on have no
     * password here to change.
     */
    async changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
      sessionToken: string | null,
    ) {
      access.requirePermission(actor, 'account.manage');
      const user = await users.findById(actor.id);
      if (!user?.password_hash) {
        throw new HttpError(
          409,
          'You sign in through your organisation’s single sign-on; change your password there.',
        );
      }
      if (!(await auth.hasher.verify(input.currentPassword, user.password_hash))) {
        throw new HttpError(400, 'currentPassword: that is not your current password.');
      }
      await users.setPassword(actor.id, await auth.hasher.hash(input.newPassword));
      await keys.deleteOtherSessions(actor.id, sessionToken ? hashToken(sessionToken) : null);
    },
  };
}
export type AccountService = ReturnType<typeof accountService>;

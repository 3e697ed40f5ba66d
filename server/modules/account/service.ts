// The signed-in person's own account: their API keys and their password. Every key is its owner's
// alone (the access model hides anyone else's), and the key itself is shown once, when it is made.
import type { ApiKey, CreatedApiKey } from '../../../contract/account';
import type { Queryable } from '../../db/database';
import type { AccessControl } from '../access/service';
import type { Actor } from '../access/policy';
import { authRepo, type ApiKeyRow } from '../auth/repo';
import { hashToken, newToken } from '../auth/tokens';

const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

export function accountService(db: Queryable, access: AccessControl) {
  const keys = authRepo(db);

  return {
    async listApiKeys(actor: Actor): Promise<ApiKey[]> {
      access.requirePermission(actor, 'account.manage');
      return (await keys.listApiKeys(actor.id)).map(toApiKey);
    },

    async createApiKey(actor: Actor, name: string): Promise<CreatedApiKey> {
      access.requirePermission(actor, 'account.manage');
      const key = newToken('tpl_');
      const id = await keys.createApiKey(actor.id, name, hashToken(key));
      return { ...toApiKey((await keys.findApiKey(id))!), key };
    },

    /** Revoking a key that is already revoked changes nothing and succeeds. */
    async revokeApiKey(actor: Actor, id: string): Promise<ApiKey> {
      await access.require(actor, 'apikey.revoke', id);
      await keys.revokeApiKey(id);
      return toApiKey((await keys.findApiKey(id))!);
    },
  };
}
export type AccountService = ReturnType<typeof accountService>;

// The signed-in person's own account: their API keys (GET/POST /api/me/api-keys, DELETE …/{id}) and
// their password (PUT /api/me/password).
import { z } from './zod';
import { text } from './fields';
import { idSchema } from './ids';
import { newPasswordSchema } from './users';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Null while the key works. */
  revokedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyRequestSchema = z.object({
  name: text({ error: 'name is required' }).check(
    z.trim(),
    z.minLength(1, 'name is required'),
    z.maxLength(100, 'name must be at most 100 characters'),
  ),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

/** 201 of POST /api/me/api-keys: the only answer that ever carries the key itself. */
export const createdApiKeySchema = z.extend(apiKeySchema, { key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyParamsSchema = z.object({ id: idSchema });

/** PUT /api/me/password: the new password follows the same rule as everywhere (contract/users.ts). */
export const changePasswordRequestSchema = z.object({
  currentPassword: text({ error: 'currentPassword is required' }).check(
    z.minLength(1, 'currentPassword is required'),
    z.maxLength(1000, 'currentPassword must be at most 1000 characters'),
  ),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

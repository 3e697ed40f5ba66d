// People and teams: the administrators' users and teams API, the first administrator's setup link and
// the one-time set-password link.
import { z } from './zod';
import { text } from './fields';
import { idSchema } from './ids';
import { roleSchema, teamSchema } from './auth';

const USERNAME = /^[a-z0-9][a-z0-9._-]*$/;

export const usernameSchema = text({ error: 'username is required' }).check(
  z.trim(),
  z.minLength(1, 'username is required'),
  z.maxLength(100, 'username must be at most 100 characters'),
  z.toLowerCase(),
  z.regex(
    USERNAME,
    'username may hold lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
  ),
);

const personName = (field: string) =>
  text({ error: `${field} is required` }).check(
    z.trim(),
    z.minLength(1, `${field} is required`),
    z.maxLength(100, `${field} must be at most 100 characters`),
  );

/** May be empty: some people have one name. */
const lastNameText = text({ error: 'lastName must be text' }).check(
  z.trim(),
  z.maxLength(100, 'lastName must be at most 100 characters'),
);
const lastNameSchema = z._default(lastNameText, '');

/** A new password, the same rule on every page and endpoint that sets one. */
export const MIN_PASSWORD_LENGTH = 10;
export const newPasswordSchema = text({ error: 'password is required' }).check(
  z.minLength(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`),
  z.maxLength(1000, 'password must be at most 1000 characters'),
);

const teamIdsSchema = z
  .array(idSchema, { error: 'teams must be a list of team ids' })
  .check(z.maxLength(100, 'teams may list at most 100 teams'));

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  firstName: personName('firstName'),
  lastName: lastNameSchema,
  role: roleSchema,
  teams: z._default(teamIdsSchema, []),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** 201 of POST /api/users: the one-time link the new user sets their password with. */
export const createdUserSchema = z.object({ id: z.string(), setPasswordUrl: z.url() });

export const updateUserRequestSchema = z.object({
  firstName: z.optional(personName('firstName')),
  lastName: z.optional(lastNameText),
  role: z.optional(roleSchema),
  teams: z.optional(teamIdsSchema),
  /** false deactivates: the user's sessions and API keys end at once, and they cannot sign in. */
  active: z.optional(z.boolean({ error: 'active must be true or false' })),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: roleSchema,
  teams: z.array(teamSchema),
  active: z.boolean(),
  /** False until the user has set a password through their link. */
  hasPassword: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof userSchema>;

export const userIdParamsSchema = z.object({ id: idSchema });

export const createTeamRequestSchema = z.object({
  name: text({ error: 'name is required' }).check(
    z.trim(),
    z.minLength(1, 'name is required'),
    z.maxLength(100, 'name must be at most 100 characters'),
  ),
});
export type CreateTeamRequest = z.infer<typeof createTeamRequestSchema>;
export { teamSchema };
export type Team = z.infer<typeof teamSchema>;

/** The secret of a one-time link, as it appears in `/setup/<token>` and `/set-password/<token>`. */
export const linkTokenSchema = text({ error: 'token is required' }).check(
  z.minLength(1, 'token is required'),
  z.maxLength(200, 'token is malformed'),
);

/** POST /api/setup: the first administrator, through the link the server printed at start. */
export const setupRequestSchema = z.object({
  token: linkTokenSchema,
  username: usernameSchema,
  firstName: personName('firstName'),
  lastName: lastNameSchema,
  password: newPasswordSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** POST /api/set-password: a new user's (or a reset) one-time link. */
export const setPasswordRequestSchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
});
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

/** POST /api/users/{id}/api-keys: a key that acts as the user (for an integration). */
export const createApiKeyRequestSchema = z.object({
  name: z._default(
    text({ error: 'name must be text' }).check(
      z.trim(),
      z.minLength(1, 'name must not be empty'),
      z.maxLength(100, 'name must be at most 100 characters'),
    ),
    'api',
  ),
});

/** The key itself is shown once, in this answer; only its hash is stored. */
export const createdApiKeySchema = z.object({ id: z.string(), key: z.string() });

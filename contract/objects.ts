// Creating and editing conversations (objects): by integrations and admins, and by agents for themselves.
import { z } from './zod';
import { text } from './fields';
import { activityUserSchema } from './activities';

const titleSchema = text({ error: 'title is required' }).check(
  z.trim(),
  z.minLength(1, 'title is required'),
  z.maxLength(300, 'title must be at most 300 characters'),
);

/** The integration's own id for the conversation (a CommBox object id, a ticket number…). */
export const objectExternalIdSchema = text({ error: 'externalId must be text' }).check(
  z.trim(),
  z.minLength(1, 'externalId must not be empty'),
  z.maxLength(300, 'externalId must be at most 300 characters'),
);

const agentUsernameSchema = text({ error: 'agent must be the username of the conversation’s agent' }).check(
  z.trim(),
  z.minLength(1, 'agent must be the username of the conversation’s agent'),
  z.maxLength(100, 'agent must be at most 100 characters'),
);

const teamIdSchema = z
  .string({ error: 'team must be a team id' })
  .check(z.regex(/^[1-9][0-9]{0,17}$/, 'team must be a team id (a positive integer)'));

/** POST /api/objects, and `object` in POST /api/recordings. `team` is a team id, `agent` a username. */
export const createObjectRequestSchema = z.object({
  externalId: z.optional(objectExternalIdSchema),
  title: titleSchema,
  team: teamIdSchema,
  agent: agentUsernameSchema,
});
export type CreateObjectRequest = z.infer<typeof createObjectRequestSchema>;

/** In POST /api/recordings the object is found by `externalId`, so it is required there. */
export const recordingObjectRequestSchema = z.extend(createObjectRequestSchema, {
  externalId: objectExternalIdSchema,
});

export const updateObjectRequestSchema = z.object({
  title: z.optional(titleSchema),
  team: z.optional(teamIdSchema),
  agent: z.optional(agentUsernameSchema),
  externalId: z.optional(z.nullable(objectExternalIdSchema)),
});
export type UpdateObjectRequest = z.infer<typeof updateObjectRequestSchema>;

export const createdObjectSchema = z.object({
  objectId: z.string(),
  externalId: z.nullable(z.string()),
  title: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  agent: z.extend(activityUserSchema, { username: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
});
export type CreatedObject = z.infer<typeof createdObjectSchema>;

// The CommBox-compatible Activities API: objects (conversations) and their recording activities.
import { z } from 'zod';

export const RECORDING_ACTIVITY_TYPE = 27;

/** CommBox object ids are positive integers, carried as strings. */
export const objectIdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'objectId must be a positive integer');

export const activityUserSchema = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
});
export type ActivityUser = z.infer<typeof activityUserSchema>;

export const conversationObjectSchema = z.object({
  objectId: z.string(),
  title: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  agent: activityUserSchema,
  lastActivityTime: z.iso.datetime({ offset: true }).nullable(),
  recordingCount: z.number().int().nonnegative(),
});
export type ConversationObject = z.infer<typeof conversationObjectSchema>;

const activityBaseSchema = z.object({
  // A plain CommBox server may omit the id; the SPA derives a stable key then.
  id: z.string().optional(),
  objectId: z.string(),
  type: z.number().int(),
  activityType: z.number().int(),
  createdTime: z.iso.datetime({ offset: true }),
  user: activityUserSchema.nullable().optional(),
  identity: z
    .object({ identityId: z.string().nullable(), thumbnailUrl: z.string().nullable().optional() })
    .nullable()
    .optional(),
  data: z.string().nullable().optional(),
});

export const recordingActivitySchema = activityBaseSchema.extend({
  type: z.literal(RECORDING_ACTIVITY_TYPE),
  activityType: z.literal(RECORDING_ACTIVITY_TYPE),
  recordingType: z.literal('video'),
  recordingUrl: z.url(),
  duration: z.number().int().nonnegative(),
  timestamp: z.iso.datetime({ offset: true }),
  fileSize: z.number().int().nonnegative(),
});
export type RecordingActivity = z.infer<typeof recordingActivitySchema>;

/** Any activity of an object; recording activities carry the extra fields above. */
export const activitySchema = z.union([recordingActivitySchema, activityBaseSchema.loose()]);
export type Activity = z.infer<typeof activitySchema>;

/** A query parameter that must be a whole number within [min, max]; the message names the parameter. */
function integerParam(name: string, min: number, max: number) {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return z
    .string({ error: message })
    .regex(/^[0-9]{1,9}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);
}

export const activitiesQuerySchema = z.object({
  activityType: integerParam('activityType', 0, 100_000).optional(),
  limit: integerParam('limit', 1, 500).optional(),
  cursor: z.string().max(512, 'cursor is not one this server issued').optional(),
});

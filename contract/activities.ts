// The CommBox-compatible Activities API: objects (conversations) and their recording activities.
import { z } from './zod';
import { text } from './fields';

export const RECORDING_ACTIVITY_TYPE = 27;

/** CommBox object ids are positive integers, carried as strings. */
export const objectIdSchema = z
  .string()
  .check(z.regex(/^[1-9][0-9]{0,17}$/, 'objectId must be a positive integer'));

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
  lastActivityTime: z.nullable(z.iso.datetime({ offset: true })),
  recordingCount: z.int().check(z.nonnegative()),
});
export type ConversationObject = z.infer<typeof conversationObjectSchema>;

/** The fields every activity has; a plain shape so it can be both a strict base and a loose object. */
const activityBaseShape = {
  // A plain CommBox server may omit the id; the SPA derives a stable key then.
  id: z.optional(z.string()),
  objectId: z.string(),
  type: z.int(),
  activityType: z.int(),
  createdTime: z.iso.datetime({ offset: true }),
  user: z.optional(z.nullable(activityUserSchema)),
  identity: z.optional(
    z.nullable(
      z.object({ identityId: z.nullable(z.string()), thumbnailUrl: z.optional(z.nullable(z.string())) }),
    ),
  ),
  data: z.optional(z.nullable(z.string())),
};

export const recordingActivitySchema = z.object({
  ...activityBaseShape,
  type: z.literal(RECORDING_ACTIVITY_TYPE),
  activityType: z.literal(RECORDING_ACTIVITY_TYPE),
  recordingType: z.literal('video'),
  recordingUrl: z.url(),
  duration: z.int().check(z.nonnegative()),
  timestamp: z.iso.datetime({ offset: true }),
  fileSize: z.int().check(z.nonnegative()),
});
export type RecordingActivity = z.infer<typeof recordingActivitySchema>;

/** Any activity of an object; recording activities carry the extra fields above. */
export const activitySchema = z.union([recordingActivitySchema, z.looseObject(activityBaseShape)]);
export type Activity = z.infer<typeof activitySchema>;

/** A query parameter that must be a whole number within [min, max]; the message names the parameter. */
export function integerParam(name: string, min: number, max: number) {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return z
    .pipe(z.string({ error: message }).check(z.regex(/^[0-9]{1,9}$/, message)), z.transform(Number))
    .check(z.refine((value) => value >= min && value <= max, message));
}

export const activitiesQuerySchema = z.object({
  activityType: z.optional(integerParam('activityType', 0, 100_000)),
  limit: z.optional(integerParam('limit', 1, 500)),
  cursor: z.optional(text().check(z.maxLength(512, 'cursor is not one this server issued'))),
});

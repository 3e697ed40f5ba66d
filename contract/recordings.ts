// The recording lifecycle API: create a recording, upload its media (resumable), complete or fail it.
import { z } from './zod';
import { dateTime, text } from './fields';
import { activityUserSchema, objectIdSchema, recordingActivitySchema } from './activities';
import { recordingObjectRequestSchema } from './objects';

export const recordingIdSchema = z.uuid({ error: 'the recording id must be a UUID' });

export const recordingStatusSchema = z.enum(['recording', 'completed', 'failed']);
export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

/**
 * POST /api/recordings: on `objectId`, or on `object` — found by its externalId or created, in the same
 * transaction as the recording. Exactly one of the two.
 */
export const createRecordingRequestSchema = z
  .object({
    objectId: z.optional(objectIdSchema),
    object: z.optional(recordingObjectRequestSchema),
    /** The agent on the call, by username. An agent may only name themselves. */
    agent: text({ error: 'agent must be the username of the agent on the call' }).check(
      z.trim(),
      z.minLength(1, 'agent must be the username of the agent on the call'),
      z.maxLength(100),
    ),
    /** When the call started (ISO-8601 with offset); defaults to the time of creation. */
    startedAt: z.optional(dateTime({ error: 'startedAt must be an ISO-8601 date-time' })),
    /** The caller's own id for this recording: creating again with the same externalId returns the same one. */
    externalId: z.optional(
      text().check(
        z.trim(),
        z.minLength(1, 'externalId must not be empty'),
        z.maxLength(300, 'externalId must be at most 300 characters'),
      ),
    ),
  })
  .check(
    z.refine((body) => (body.objectId === undefined) !== (body.object === undefined), {
      message: 'objectId: send either objectId or object {externalId, title, team, agent}, not both',
      path: ['objectId'],
    }),
  );
export type CreateRecordingRequest = z.infer<typeof createRecordingRequestSchema>;

export const recordingSchema = z.object({
  id: z.string(),
  objectId: z.string(),
  agent: z.extend(activityUserSchema, { username: z.string() }),
  status: recordingStatusSchema,
  externalId: z.nullable(z.string()),
  startedAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.nullable(z.iso.datetime({ offset: true })),
  failureReason: z.nullable(z.string()),
  /** Bytes the server holds for the upload: send the next chunk from here. Null once not uploading. */
  offset: z.nullable(z.int().check(z.nonnegative())),
  /** The total size announced by the last chunk's Content-Range (`bytes a-b/<total>`), if any. */
  total: z.nullable(z.int().check(z.nonnegative())),
  /** Absolute URL to PUT the media to (and HEAD for the offset). */
  uploadUrl: z.url(),
  /** The recording activity's id, once completed. */
  activityId: z.nullable(z.string()),
});
export type Recording = z.infer<typeof recordingSchema>;

export const uploadProgressSchema = z.object({
  id: z.string(),
  offset: z.int().check(z.nonnegative()),
  total: z.nullable(z.int().check(z.nonnegative())),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

export const failRecordingRequestSchema = z.object({
  reason: text({ error: 'reason must say why the recording failed' }).check(
    z.trim(),
    z.minLength(1, 'reason must say why the recording failed'),
    z.maxLength(1000, 'reason must be at most 1000 characters'),
  ),
});

/**
 * POST /api/recordings/{id}/complete: `size` is the recording's total size in bytes, needed when no chunk
 * announced it (`Content-Range: bytes a-b/<total>`); it must agree with one that did.
 */
export const completeRecordingRequestSchema = z.nullish(
  z.object({
    size: z.optional(
      z
        .int({ error: 'size must be the total number of bytes, a whole number' })
        .check(z.nonnegative('size must be 0 or more'), z.maximum(Number.MAX_SAFE_INTEGER)),
    ),
  }),
);

export const completedRecordingSchema = z.object({
  recording: recordingSchema,
  activity: recordingActivitySchema,
});
export type CompletedRecording = z.infer<typeof completedRecordingSchema>;

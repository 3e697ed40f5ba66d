// The recording lifecycle API: create a recording, upload its media (resumable), complete or fail it.
import { z } from 'zod';
import { activityUserSchema, objectIdSchema, recordingActivitySchema } from './activities';

export const recordingIdSchema = z.uuid({ error: 'the recording id must be a UUID' });

export const recordingStatusSchema = z.enum(['recording', 'completed', 'failed']);
export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

export const createRecordingRequestSchema = z.object({
  objectId: objectIdSchema,
  /** The agent on the call, by username. An agent may only name themselves. */
  agent: z
    .string({ error: 'agent must be the username of the agent on the call' })
    .trim()
    .min(1, 'agent must be the username of the agent on the call')
    .max(100),
  /** When the call started (ISO-8601 with offset); defaults to the time of creation. */
  startedAt: z.iso.datetime({ offset: true, error: 'startedAt must be an ISO-8601 date-time' }).optional(),
  /** The caller's own id for this recording: creating again with the same externalId returns the same one. */
  externalId: z
    .string()
    .trim()
    .min(1, 'externalId must not be empty')
    .max(300, 'externalId must be at most 300 characters')
    .optional(),
});
export type CreateRecordingRequest = z.infer<typeof createRecordingRequestSchema>;

export const recordingSchema = z.object({
  id: z.string(),
  objectId: z.string(),
  agent: activityUserSchema.extend({ username: z.string() }),
  status: recordingStatusSchema,
  externalId: z.string().nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  failureReason: z.string().nullable(),
  /** Bytes the server holds for the upload: send the next chunk from here. Null once not uploading. */
  offset: z.number().int().nonnegative().nullable(),
  /** The total size announced by the last chunk's Content-Range (`bytes a-b/<total>`), if any. */
  total: z.number().int().nonnegative().nullable(),
  /** Absolute URL to PUT the media to (and HEAD for the offset). */
  uploadUrl: z.url(),
  /** The recording activity's id, once completed. */
  activityId: z.string().nullable(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const uploadProgressSchema = z.object({
  id: z.string(),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

export const failRecordingRequestSchema = z.object({
  reason: z
    .string({ error: 'reason must say why the recording failed' })
    .trim()
    .min(1, 'reason must say why the recording failed')
    .max(1000, 'reason must be at most 1000 characters'),
});

export const completedRecordingSchema = z.object({
  recording: recordingSchema,
  activity: recordingActivitySchema,
});
export type CompletedRecording = z.infer<typeof completedRecordingSchema>;

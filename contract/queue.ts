// GET /api/queue: the caller's next things to do, by role, for the home page.
import { z } from './zod';
import { activityUserSchema } from './activities';

/** How many items each queue list carries at most; `toEvaluateTotal` tells how many there are in all. */
export const QUEUE_LIMIT = 20;

/** A recording the queue points at: enough for a list row and the link to its review page. */
export const queueRecordingSchema = z.object({
  activityId: z.string(),
  objectId: z.string(),
  objectTitle: z.string(),
  agent: activityUserSchema,
  timestamp: z.iso.datetime({ offset: true }),
  /** Whole seconds. */
  duration: z.int().check(z.nonnegative()),
});
export type QueueRecording = z.infer<typeof queueRecordingSchema>;

export const queueDraftSchema = z.extend(queueRecordingSchema, {
  evaluationId: z.string(),
  /** The draft's score so far (only what is rated), null when nothing is rated yet. */
  score: z.nullable(z.number()),
});
export type QueueDraft = z.infer<typeof queueDraftSchema>;

export const queueToAcknowledgeSchema = z.extend(queueRecordingSchema, {
  evaluationId: z.string(),
  score: z.nullable(z.number()),
  evaluator: activityUserSchema,
  submittedAt: z.iso.datetime({ offset: true }),
});
export type QueueToAcknowledge = z.infer<typeof queueToAcknowledgeSchema>;

export const queueRecentSchema = z.extend(queueRecordingSchema, {
  /** The latest submitted evaluation's score, when there is one. */
  latestScore: z.nullable(z.number()),
});
export type QueueRecent = z.infer<typeof queueRecentSchema>;

/**
 * GET /api/queue: what the caller should do next, by role; every list newest first, at most QUEUE_LIMIT.
 * reviewer (admin, QA manager) · agent · team (trainer, supervisor).
 */
export const queueSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reviewer'),
    /** Visible recordings with no submitted evaluation and no draft of the caller's. */
    toEvaluate: z.array(queueRecordingSchema),
    toEvaluateTotal: z.int().check(z.nonnegative()),
    /** Recordings the caller has a draft on. */
    yourDrafts: z.array(queueDraftSchema),
    /** Open disputes on recordings the caller may see (the list is GET /api/disputes). */
    openDisputes: z.int().check(z.nonnegative()),
  }),
  z.object({
    kind: z.literal('agent'),
    /** Submitted evaluations of the caller's recordings, not yet acknowledged or disputed. */
    toAcknowledge: z.array(queueToAcknowledgeSchema),
    /** The caller's latest recordings. */
    recent: z.array(queueRecentSchema),
  }),
  z.object({
    kind: z.literal('team'),
    /** The latest recordings of the caller's teams. */
    recent: z.array(queueRecentSchema),
  }),
]);
export type Queue = z.infer<typeof queueSchema>;

// Evaluations over HTTP: a reviewer's draft of a recording on a scorecard, submitted to the agent.
import { z } from './zod';
import { int32 } from './fields';
import { activityUserSchema } from './activities';
import { disputeSchema } from './disputes';
import { errorEnvelopeSchema } from './envelope';
import { idSchema } from './ids';
import { overallCommentSchema, ratingsSchema } from './ratings';
import { scorecardSchema } from './scorecards';

export const EVALUATION_STATUSES = ['draft', 'submitted', 'acknowledged', 'disputed'] as const;
export const evaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

export const createEvaluationSchema = z.object({ scorecardId: idSchema });

export const saveDraftSchema = z.object({
  /** The evaluation's `version` this edit starts from; a stale one is answered with 409. */
  version: int32().check(z.positive()),
  ratings: ratingsSchema,
  overallComment: z._default(overallCommentSchema, null),
});
export type SaveDraft = z.input<typeof saveDraftSchema>;

export const submitEvaluationSchema = z._default(
  z.object({ version: z.optional(int32().check(z.positive())) }),
  {},
);

export const evaluationRevisionSchema = z.object({
  revision: z.int().check(z.positive()),
  ratings: ratingsSchema,
  overallComment: z.nullable(z.string()),
  score: z.nullable(z.number()),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: activityUserSchema,
});

export const evaluationSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  objectId: z.string(),
  agent: activityUserSchema,
  evaluator: activityUserSchema,
  /** The scorecard version this evaluation was made with, in full (never changes after creation). */
  scorecard: scorecardSchema,
  status: evaluationStatusSchema,
  /** Optimistic concurrency: send it back with the next write. */
  version: z.int().check(z.positive()),
  /** 1 for the submitted evaluation, +1 for each revision made when resolving a dispute. */
  revision: z.int().check(z.positive()),
  ratings: ratingsSchema,
  overallComment: z.nullable(z.string()),
  /** 0–100, null when nothing is rated; for drafts it covers only what is rated so far. */
  score: z.nullable(z.number()),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.nullable(z.iso.datetime({ offset: true })),
  acknowledgedAt: z.nullable(z.iso.datetime({ offset: true })),
  /**
   * When its recording was deleted (retention, or on request): the evaluation is kept as it was, marked,
   * and a draft can no longer be edited. Null while the recording exists.
   */
  recordingDeletedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Earlier revisions are kept here, oldest first (the current one included once submitted). */
  revisions: z.array(evaluationRevisionSchema),
  disputes: z.array(disputeSchema),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const EVALUATION_ACTIONS = [
  'created',
  'edited',
  'submitted',
  'acknowledged',
  'disputed',
  'revised',
  'upheld',
] as const;

export const evaluationEventSchema = z.object({
  id: z.string(),
  action: z.enum(EVALUATION_ACTIONS),
  actor: activityUserSchema,
  at: z.iso.datetime({ offset: true }),
  /** What changed: e.g. {revision, score} for submitted/revised, {reason} for disputed, {comment} for upheld. */
  details: z.record(z.string(), z.unknown()),
});
export type EvaluationEvent = z.infer<typeof evaluationEventSchema>;

/**
 * 409: on a stale write (`version` behind the server's) `data` is the server's current copy, so the client
 * can offer reload or keep-mine (resend with `data.version`). Other conflicts (wrong state) carry no data.
 */
export const evaluationConflictSchema = z.extend(errorEnvelopeSchema, { data: z.optional(evaluationSchema) });

export const QA_STATES = ['not_evaluated', 'draft', 'submitted'] as const;

/** One recording's QA state, for the timeline and the "unevaluated" filter. */
export const recordingQaSummarySchema = z.object({
  activityId: z.string(),
  /** submitted: at least one submitted evaluation; draft: only the caller's draft; else not_evaluated. */
  state: z.enum(QA_STATES),
  /** The latest submitted evaluation (by submission time), when there is one. */
  latestEvaluationId: z.nullable(z.string()),
  latestScore: z.nullable(z.number()),
  latestStatus: z.nullable(evaluationStatusSchema),
  submittedCount: z.int().check(z.nonnegative()),
  /** The caller's own draft on this recording, to resume it. */
  myDraftId: z.nullable(z.string()),
  openDisputes: z.int().check(z.nonnegative()),
});
export type RecordingQaSummary = z.infer<typeof recordingQaSummarySchema>;

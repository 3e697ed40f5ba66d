// Quality assurance over HTTP: scorecards, evaluations (drafts, submission, disputes), annotations.
import { z } from 'zod';
import { activityUserSchema } from './activities';
import { errorEnvelopeSchema } from './envelope';
import { computeScore, RATING_SCALES } from './qa-score';

export * from './qa-score';

/** Database ids (scorecards, evaluations, activities, annotations…): positive integers, as strings. */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a positive integer id');

/** Ids of sections and criteria: stable across scorecard versions; the server makes one when omitted. */
export const definitionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"');

// ─── Scorecards ────────────────────────────────────────────────────────────────────────────────

export const ratingScaleSchema = z.enum(RATING_SCALES);

export const criterionSchema = z.object({
  id: definitionIdSchema,
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(2000).default(''),
  /** `binary`: 0 = fail, 1 = pass. `3`/`4`/`5`: 1 (lowest, failing) … n (top). */
  scale: ratingScaleSchema,
  weight: z.number().positive('must be a positive number').max(1000),
  allowNa: z.boolean().default(false),
  /** A failing rating (the lowest value) on a critical criterion makes the evaluation score 0. */
  critical: z.boolean().default(false),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const sectionSchema = z.object({
  id: definitionIdSchema,
  title: z.string().trim().min(1, 'must not be empty').max(200),
  criteria: z.array(criterionSchema).min(1, 'a section needs at least one criterion').max(100),
});
export type Section = z.infer<typeof sectionSchema>;

/** What a scorecard version is: stored immutably, so old evaluations always show what they were rated on. */
export const scorecardDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(2000).default(''),
  sections: z.array(sectionSchema).min(1, 'a scorecard needs at least one section').max(50),
});
export type ScorecardDefinition = z.infer<typeof scorecardDefinitionSchema>;

/** POST /api/scorecards: ids may be omitted; give the existing ids when editing to keep criteria stable. */
export const scorecardInputSchema = scorecardDefinitionSchema.extend({
  sections: z
    .array(
      sectionSchema.extend({
        id: definitionIdSchema.optional(),
        criteria: z
          .array(criterionSchema.extend({ id: definitionIdSchema.optional() }))
          .min(1, 'a section needs at least one criterion')
          .max(100),
      }),
    )
    .min(1, 'a scorecard needs at least one section')
    .max(50),
});
export type ScorecardInput = z.input<typeof scorecardInputSchema>;

/** PUT /api/scorecards/{id}: the new definition and the version it was edited from. */
export const scorecardUpdateSchema = scorecardInputSchema.extend({
  version: z.number().int().positive(),
});
export type ScorecardUpdate = z.input<typeof scorecardUpdateSchema>;

export const scorecardSchema = scorecardDefinitionSchema.extend({
  id: z.string(),
  /** The version shown (the current one, unless a specific version was asked for). */
  version: z.number().int().positive(),
  currentVersion: z.number().int().positive(),
  archived: z.boolean(),
  versionCreatedAt: z.iso.datetime({ offset: true }),
  versionCreatedBy: activityUserSchema.nullable(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const scorecardListQuerySchema = z.object({
  includeArchived: z
    .enum(['true', 'false'], { error: 'includeArchived must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
});

// ─── Evaluations ───────────────────────────────────────────────────────────────────────────────

export const EVALUATION_STATUSES = ['draft', 'submitted', 'acknowledged', 'disputed'] as const;
export const evaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

/** A value on the criterion's scale, "na" (only where allowed), or null = not rated yet. */
export const ratingValueSchema = z.union([
  z.number().int('must be a whole number'),
  z.literal('na'),
  z.null(),
]);

export const criterionRatingSchema = z.object({
  value: ratingValueSchema,
  comment: z.string().max(2000).nullable().default(null),
});
export type CriterionRating = z.infer<typeof criterionRatingSchema>;

/** Ratings keyed by criterion id. Unknown criterion ids and values off the scale are answered with 400. */
export const ratingsSchema = z.record(z.string().max(64), criterionRatingSchema);
export type Ratings = z.infer<typeof ratingsSchema>;

/** A scorecard's criteria, in order, across its sections. */
export function criteriaOf(scorecard: {
  sections: readonly { criteria: readonly Criterion[] }[];
}): Criterion[] {
  return scorecard.sections.flatMap((section) => section.criteria);
}

/** The score of `ratings` on `scorecard`: what the server stores, and what the SPA shows as the reviewer rates. */
export function scoreOf(
  scorecard: { sections: readonly { criteria: readonly Criterion[] }[] },
  ratings: Ratings,
): number | null {
  const values = Object.fromEntries(Object.entries(ratings).map(([id, rating]) => [id, rating.value]));
  return computeScore(criteriaOf(scorecard), values);
}

export const overallCommentSchema = z.string().max(5000).nullable();

export const createEvaluationSchema = z.object({ scorecardId: idSchema });

export const saveDraftSchema = z.object({
  /** The evaluation's `version` this edit starts from; a stale one is answered with 409. */
  version: z.number().int().positive(),
  ratings: ratingsSchema,
  overallComment: overallCommentSchema.default(null),
});
export type SaveDraft = z.input<typeof saveDraftSchema>;

export const submitEvaluationSchema = z
  .object({ version: z.number().int().positive().optional() })
  .default({});

export const disputeRequestSchema = z.object({
  reason: z.string().trim().min(1, 'say what you disagree with').max(2000),
});

export const resolveDisputeSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('upheld'),
    comment: z.string().trim().min(1, 'explain why the evaluation stands').max(2000),
  }),
  z.object({
    outcome: z.literal('revised'),
    /** The complete ratings of the new revision (every criterion rated or N/A). */
    ratings: ratingsSchema,
    overallComment: overallCommentSchema.optional(),
    comment: z.string().max(2000).nullable().default(null),
  }),
]);
export type ResolveDispute = z.input<typeof resolveDisputeSchema>;

export const evaluationRevisionSchema = z.object({
  revision: z.number().int().positive(),
  ratings: ratingsSchema,
  overallComment: z.string().nullable(),
  score: z.number().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: activityUserSchema,
});

export const disputeSchema = z.object({
  id: z.string(),
  evaluationId: z.string(),
  activityId: z.string(),
  objectId: z.string(),
  /** The revision the agent disputed. */
  revision: z.number().int().positive(),
  reason: z.string(),
  raisedBy: activityUserSchema,
  raisedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(['revised', 'upheld']).nullable(),
  resolutionComment: z.string().nullable(),
  resolvedBy: activityUserSchema.nullable(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Dispute = z.infer<typeof disputeSchema>;

/** GET /api/disputes: each dispute with what a list row shows of its evaluation, so no row needs its own request. */
export const disputeListItemSchema = disputeSchema.extend({
  evaluation: z.object({
    /** The evaluation's current revision (after a revised dispute, newer than the disputed `revision`). */
    revision: z.number().int().positive(),
    /** The current revision's score, 0–100. */
    score: z.number().nullable(),
    /** The name of the scorecard version the evaluation was made with. */
    scorecardName: z.string(),
  }),
});
export type DisputeListItem = z.infer<typeof disputeListItemSchema>;

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
  version: z.number().int().positive(),
  /** 1 for the submitted evaluation, +1 for each revision made when resolving a dispute. */
  revision: z.number().int().positive(),
  ratings: ratingsSchema,
  overallComment: z.string().nullable(),
  /** 0–100, null when nothing is rated; for drafts it covers only what is rated so far. */
  score: z.number().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
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
export const evaluationConflictSchema = errorEnvelopeSchema.extend({ data: evaluationSchema.optional() });
export const scorecardConflictSchema = errorEnvelopeSchema.extend({ data: scorecardSchema.optional() });

export const QA_STATES = ['not_evaluated', 'draft', 'submitted'] as const;

/** One recording's QA state, for the timeline and the "unevaluated" filter. */
export const recordingQaSummarySchema = z.object({
  activityId: z.string(),
  /** submitted: at least one submitted evaluation; draft: only the caller's draft; else not_evaluated. */
  state: z.enum(QA_STATES),
  /** The latest submitted evaluation (by submission time), when there is one. */
  latestEvaluationId: z.string().nullable(),
  latestScore: z.number().nullable(),
  latestStatus: evaluationStatusSchema.nullable(),
  submittedCount: z.number().int().nonnegative(),
  /** The caller's own draft on this recording, to resume it. */
  myDraftId: z.string().nullable(),
  openDisputes: z.number().int().nonnegative(),
});
export type RecordingQaSummary = z.infer<typeof recordingQaSummarySchema>;

export const disputeListQuerySchema = z.object({
  status: z
    .enum(['open', 'resolved', 'all'], { error: 'status must be open, resolved or all' })
    .default('open'),
});

// ─── Annotations ───────────────────────────────────────────────────────────────────────────────

const annotationFields = {
  /** Seconds from the start of the recording, within its duration. */
  startSeconds: z.number().min(0, 'must be 0 or more'),
  /** Optional end of a range: after startSeconds, within the duration. */
  endSeconds: z.number().nullable(),
  text: z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  tags: z
    .array(z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'))
    .max(10, 'at most 10 tags'),
};

export const annotationInputSchema = z.object({
  ...annotationFields,
  endSeconds: annotationFields.endSeconds.default(null),
  tags: annotationFields.tags.default([]),
});
export type AnnotationInput = z.input<typeof annotationInputSchema>;

export const annotationPatchSchema = z.object(annotationFields).partial();

export const annotationSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  ...annotationFields,
  author: activityUserSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Annotation = z.infer<typeof annotationSchema>;

// ─── The caller's queue (home page) ────────────────────────────────────────────────────────────

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
  duration: z.number().int().nonnegative(),
});
export type QueueRecording = z.infer<typeof queueRecordingSchema>;

export const queueDraftSchema = queueRecordingSchema.extend({
  evaluationId: z.string(),
  /** The draft's score so far (only what is rated), null when nothing is rated yet. */
  score: z.number().nullable(),
});
export type QueueDraft = z.infer<typeof queueDraftSchema>;

export const queueToAcknowledgeSchema = queueRecordingSchema.extend({
  evaluationId: z.string(),
  score: z.number().nullable(),
  evaluator: activityUserSchema,
  submittedAt: z.iso.datetime({ offset: true }),
});
export type QueueToAcknowledge = z.infer<typeof queueToAcknowledgeSchema>;

export const queueRecentSchema = queueRecordingSchema.extend({
  /** The latest submitted evaluation's score, when there is one. */
  latestScore: z.number().nullable(),
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
    toEvaluateTotal: z.number().int().nonnegative(),
    /** Recordings the caller has a draft on. */
    yourDrafts: z.array(queueDraftSchema),
    /** Open disputes on recordings the caller may see (the list is GET /api/disputes). */
    openDisputes: z.number().int().nonnegative(),
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

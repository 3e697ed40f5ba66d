// Disputes over HTTP: an agent disputes a submitted evaluation; a QA manager upholds or revises it.
import { z } from './zod';
import { text } from './fields';
import { activityUserSchema } from './activities';
import { overallCommentSchema, ratingsSchema } from './ratings';

export const disputeRequestSchema = z.object({
  reason: text().check(z.trim(), z.minLength(1, 'say what you disagree with'), z.maxLength(2000)),
});

export const resolveDisputeSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('upheld'),
    comment: text().check(z.trim(), z.minLength(1, 'explain why the evaluation stands'), z.maxLength(2000)),
  }),
  z.object({
    outcome: z.literal('revised'),
    /** The complete ratings of the new revision (every criterion rated or N/A). */
    ratings: ratingsSchema,
    overallComment: z.optional(overallCommentSchema),
    comment: z._default(z.nullable(text().check(z.maxLength(2000))), null),
  }),
]);
export type ResolveDispute = z.input<typeof resolveDisputeSchema>;

export const disputeSchema = z.object({
  id: z.string(),
  evaluationId: z.string(),
  activityId: z.string(),
  objectId: z.string(),
  /** The revision the agent disputed. */
  revision: z.int().check(z.positive()),
  reason: z.string(),
  raisedBy: activityUserSchema,
  raisedAt: z.iso.datetime({ offset: true }),
  outcome: z.nullable(z.enum(['revised', 'upheld'])),
  resolutionComment: z.nullable(z.string()),
  resolvedBy: z.nullable(activityUserSchema),
  resolvedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** When the disputed recording was deleted (retention, or on request); the dispute stays. */
  recordingDeletedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type Dispute = z.infer<typeof disputeSchema>;

/** GET /api/disputes: each dispute with what a list row shows of its evaluation, so no row needs its own request. */
export const disputeListItemSchema = z.extend(disputeSchema, {
  evaluation: z.object({
    /** The evaluation's current revision (after a revised dispute, newer than the disputed `revision`). */
    revision: z.int().check(z.positive()),
    /** The current revision's score, 0–100. */
    score: z.nullable(z.number()),
    /** The name of the scorecard version the evaluation was made with. */
    scorecardName: z.string(),
  }),
});
export type DisputeListItem = z.infer<typeof disputeListItemSchema>;

export const disputeListQuerySchema = z.object({
  status: z._default(
    z.enum(['open', 'resolved', 'all'], { error: 'status must be open, resolved or all' }),
    'open',
  ),
});

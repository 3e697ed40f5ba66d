// Scorecards over HTTP: versioned definitions of sections and weighted criteria.
import { z } from 'zod';
import { activityUserSchema } from './activities';
import { errorEnvelopeSchema } from './envelope';
import { RATING_SCALES } from './qa-score';

/** Ids of sections and criteria: stable across scorecard versions; the server makes one when omitted. */
export const definitionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"');

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

/** A scorecard's criteria, in order, across its sections. */
export function criteriaOf(scorecard: {
  sections: readonly { criteria: readonly Criterion[] }[];
}): Criterion[] {
  return scorecard.sections.flatMap((section) => section.criteria);
}

/** 409 on a stale scorecard edit: `data` is the current version. */
export const scorecardConflictSchema = errorEnvelopeSchema.extend({ data: scorecardSchema.optional() });

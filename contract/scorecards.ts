// Scorecards over HTTP: versioned definitions of sections and weighted criteria.
import { z } from './zod';
import { int32, text } from './fields';
import { activityUserSchema } from './activities';
import { errorEnvelopeSchema } from './envelope';
import { RATING_SCALES } from './qa-score';

/** Ids of sections and criteria: stable across scorecard versions; the server makes one when omitted. */
export const definitionIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"'));

export const ratingScaleSchema = z.enum(RATING_SCALES);

/** A title of a scorecard, section or criterion. */
const titleSchema = () => text().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200));

export const criterionSchema = z.object({
  id: definitionIdSchema,
  title: titleSchema(),
  description: z._default(text().check(z.maxLength(2000)), ''),
  /** `binary`: 0 = fail, 1 = pass. `3`/`4`/`5`: 1 (lowest, failing) … n (top). */
  scale: ratingScaleSchema,
  weight: z.number().check(z.positive('must be a positive number'), z.lte(1000)),
  allowNa: z._default(z.boolean(), false),
  /** A failing rating (the lowest value) on a critical criterion makes the evaluation score 0. */
  critical: z._default(z.boolean(), false),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** A section's criteria: one to a hundred. */
const criteriaListSchema = <Item extends z.core.SomeType>(criterion: Item) =>
  z.array(criterion).check(z.minLength(1, 'a section needs at least one criterion'), z.maxLength(100));

/** A scorecard's sections: one to fifty. */
const sectionListSchema = <Item extends z.core.SomeType>(section: Item) =>
  z.array(section).check(z.minLength(1, 'a scorecard needs at least one section'), z.maxLength(50));

export const sectionSchema = z.object({
  id: definitionIdSchema,
  title: titleSchema(),
  criteria: criteriaListSchema(criterionSchema),
});
export type Section = z.infer<typeof sectionSchema>;

/** What a scorecard version is: stored immutably, so old evaluations always show what they were rated on. */
export const scorecardDefinitionSchema = z.object({
  name: titleSchema(),
  description: z._default(text().check(z.maxLength(2000)), ''),
  sections: sectionListSchema(sectionSchema),
});
export type ScorecardDefinition = z.infer<typeof scorecardDefinitionSchema>;

/** POST /api/scorecards: ids may be omitted; give the existing ids when editing to keep criteria stable. */
export const scorecardInputSchema = z.extend(scorecardDefinitionSchema, {
  sections: sectionListSchema(
    z.extend(sectionSchema, {
      id: z.optional(definitionIdSchema),
      criteria: criteriaListSchema(z.extend(criterionSchema, { id: z.optional(definitionIdSchema) })),
    }),
  ),
});
export type ScorecardInput = z.input<typeof scorecardInputSchema>;

/** PUT /api/scorecards/{id}: the new definition and the version it was edited from. */
export const scorecardUpdateSchema = z.extend(scorecardInputSchema, {
  version: int32().check(z.positive()),
});
export type ScorecardUpdate = z.input<typeof scorecardUpdateSchema>;

export const scorecardSchema = z.extend(scorecardDefinitionSchema, {
  id: z.string(),
  /** The version shown (the current one, unless a specific version was asked for). */
  version: z.int().check(z.positive()),
  currentVersion: z.int().check(z.positive()),
  archived: z.boolean(),
  versionCreatedAt: z.iso.datetime({ offset: true }),
  versionCreatedBy: z.nullable(activityUserSchema),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const scorecardListQuerySchema = z.object({
  includeArchived: z.pipe(
    z.optional(z.enum(['true', 'false'], { error: 'includeArchived must be true or false' })),
    z.transform((value) => value === 'true'),
  ),
});

/** A scorecard's criteria, in order, across its sections. */
export function criteriaOf(scorecard: {
  sections: readonly { criteria: readonly Criterion[] }[];
}): Criterion[] {
  return scorecard.sections.flatMap((section) => section.criteria);
}

/** 409 on a stale scorecard edit: `data` is the current version. */
export const scorecardConflictSchema = z.extend(errorEnvelopeSchema, { data: z.optional(scorecardSchema) });

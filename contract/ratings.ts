// Ratings of a scorecard's criteria, and their score: shared by evaluations and dispute resolutions.
import { z } from './zod';
import { text } from './fields';
import { computeScore } from './qa-score';
import { criteriaOf, type Criterion } from './scorecards';

/** A value on the criterion's scale, "na" (only where allowed), or null = not rated yet. */
export const ratingValueSchema = z.union([
  z.number().check(z.int('must be a whole number')),
  z.literal('na'),
  z.null(),
]);

export const criterionRatingSchema = z.object({
  value: ratingValueSchema,
  comment: z._default(z.nullable(text().check(z.maxLength(2000))), null),
});
export type CriterionRating = z.infer<typeof criterionRatingSchema>;

/** Ratings keyed by criterion id. Unknown criterion ids and values off the scale are answered with 400. */
export const ratingsSchema = z.record(text().check(z.maxLength(64)), criterionRatingSchema);
export type Ratings = z.infer<typeof ratingsSchema>;

/** The score of `ratings` on `scorecard`: what the server stores, and what the SPA shows as the reviewer rates. */
export function scoreOf(
  scorecard: { sections: readonly { criteria: readonly Criterion[] }[] },
  ratings: Ratings,
): number | null {
  const values = Object.fromEntries(Object.entries(ratings).map(([id, rating]) => [id, rating.value]));
  return computeScore(criteriaOf(scorecard), values);
}

export const overallCommentSchema = z.nullable(text().check(z.maxLength(5000)));

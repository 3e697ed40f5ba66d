// The evaluation score, shared by the server (stored score) and the SPA (live score while rating).
//
// Rules, in order:
// - Only rated criteria count: N/A and unrated (drafts) are left out of both numerator and weight.
// - A rating maps to 0–1 within its scale: binary fail = 0, pass = 1; on an n-point scale r ↦ (r−1)/(n−1).
// - A *failing* rating is the lowest value of the scale: binary fail (0), or 1 on a 3/4/5-point scale.
//   A failing rating on a critical criterion makes the whole score 0.
// - Otherwise the score is the weighted mean of the rated criteria, times 100 (0–100, not rounded).
// - No rated criterion at all → null (nothing to score yet).

export const RATING_SCALES = ['binary', '3', '4', '5'] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

/** What the score needs to know about a criterion. */
export interface ScoredCriterion {
  id: string;
  scale: RatingScale;
  weight: number;
  critical: boolean;
}

/** A criterion's rating: a value on its scale, 'na' (not applicable), or null / absent (not rated yet). */
export type RatingValue = number | 'na' | null;

/** The lowest and highest value of a scale: binary is 0 (fail) … 1 (pass); an n-point scale is 1 … n. */
export function scaleRange(scale: RatingScale): { min: number; max: number } {
  return scale === 'binary' ? { min: 0, max: 1 } : { min: 1, max: Number(scale) };
}

export function isOnScale(scale: RatingScale, value: number): boolean {
  const { min, max } = scaleRange(scale);
  return Number.isInteger(value) && value >= min && value <= max;
}

/** A failing rating is the scale's lowest value; on a critical criterion it zeroes the score. */
export function isFailing(scale: RatingScale, value: number): boolean {
  return value === scaleRange(scale).min;
}

/** The rating as a fraction of the scale: 0 for the lowest value, 1 for the top. */
export function normalisedRating(scale: RatingScale, value: number): number {
  const { min, max } = scaleRange(scale);
  return (value - min) / (max - min);
}

/**
 * The score of a set of ratings, 0–100, or null when nothing is rated. Ratings for unknown criteria and
 * values off the scale are ignored here (the server rejects them before they are saved).
 */
export function computeScore(
  criteria: readonly ScoredCriterion[],
  ratings: Readonly<Record<string, RatingValue | undefined>>,
): number | null {
  let weighted = 0;
  let totalWeight = 0;
  let criticalFail = false;
  for (const criterion of criteria) {
    const value = ratings[criterion.id];
    if (value === undefined || value === null || value === 'na') continue;
    if (!isOnScale(criterion.scale, value)) continue;
    if (criterion.critical && isFailing(criterion.scale, value)) criticalFail = true;
    weighted += criterion.weight * normalisedRating(criterion.scale, value);
    totalWeight += criterion.weight;
  }
  if (totalWeight === 0) return null;
  if (criticalFail) return 0;
  // Clamped because weighted/totalWeight can exceed 1 by a rounding ulp.
  return Math.min(100, Math.max(0, (weighted / totalWeight) * 100));
}

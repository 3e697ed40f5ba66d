// Checks ratings against the scorecard version they are made on (scoreOf, in the contract, scores them).
import { type Ratings } from '../../../../contract/ratings';
import { criteriaOf, type Criterion, type ScorecardDefinition } from '../../../../contract/scorecards';
import { HttpError } from '../../../lib/http';
import { isOnScale, scaleRange } from '../../../../contract/qa-score';

function scaleDescription(criterion: Criterion) {
  if (criterion.scale === 'binary') return 'must be 0 (fail) or 1 (pass) on this pass/fail criterion';
  const { min, max } = scaleRange(criterion.scale);
  return `must be a whole number from ${min} to ${max} on this ${max}-point criterion`;
}

/**
 * Rejects, with a 400 naming the field, ratings of unknown criteria, values off the scale, and N/A where
 * the criterion does not allow it. With `complete`, every criterion must also be rated (or N/A).
 */
export function checkRatings(
  definition: ScorecardDefinition,
  ratings: Ratings,
  options: { complete: boolean },
): void {
  const criteria = new Map(criteriaOf(definition).map((criterion) => [criterion.id, criterion]));
  for (const [criterionId, rating] of Object.entries(ratings)) {
    const criterion = criteria.get(criterionId);
    if (!criterion) {
      throw new HttpError(400, `ratings.${criterionId}: this scorecard has no criterion "${criterionId}".`);
    }
    if (rating.value === 'na' && !criterion.allowNa) {
      throw new HttpError(400, `ratings.${criterionId}.value: “${criterion.title}” cannot be rated N/A.`);
    }
    if (typeof rating.value === 'number' && !isOnScale(criterion.scale, rating.value)) {
      throw new HttpError(400, `ratings.${criterionId}.value: ${scaleDescription(criterion)}.`);
    }
  }
  if (options.complete) {
    const unrated = [...criteria.values()].filter((criterion) => {
      const value = ratings[criterion.id]?.value;
      return value === undefined || value === null;
    });
    if (unrated.length > 0) {
      throw new HttpError(
        400,
        `ratings.${unrated[0]!.id}: rate every criterion before submitting (or mark it N/A where allowed); ` +
          `not rated yet: ${unrated.map((criterion) => `“${criterion.title}”`).join(', ')}.`,
      );
    }
  }
}

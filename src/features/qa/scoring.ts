// The draft's arithmetic for people: the score as text, critical failures, completeness.
import { isFailing } from '../../../contract/qa-score';
import { type Ratings } from '../../../contract/ratings';
import { type Criterion } from '../../../contract/scorecards';

/** A critical criterion rated at its lowest value: the score is 0 whatever else is rated. */
export function hasCriticalFailure(criteria: readonly Criterion[], ratings: Ratings): boolean {
  return criteria.some((criterion) => {
    const value = ratings[criterion.id]?.value;
    return criterion.critical && typeof value === 'number' && isFailing(criterion.scale, value);
  });
}

/** Every criterion rated (or N/A where allowed): the evaluation can be submitted. */
export function isComplete(criteria: readonly Criterion[], ratings: Ratings): boolean {
  return criteria.every((criterion) => {
    const value = ratings[criterion.id]?.value;
    return value !== null && value !== undefined;
  });
}

export function formatScore(score: number | null): string {
  return score === null ? '—' : `${Math.round(score)}%`;
}

// The draft's arithmetic for people: criteria of a scorecard, the score as text, completeness.
import { isFailing, type Criterion, type RatingValue, type Ratings, type Scorecard } from '../../contract/qa';

export function criteriaOf(scorecard: Pick<Scorecard, 'sections'>): Criterion[] {
  return scorecard.sections.flatMap((section) => section.criteria);
}

export function ratingValues(ratings: Ratings): Record<string, RatingValue> {
  return Object.fromEntries(Object.entries(ratings).map(([id, rating]) => [id, rating.value]));
}

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

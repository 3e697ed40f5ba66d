// How ratings read to people: the options of each scale, labels, the score, completeness.
import {
  isFailing,
  scaleRange,
  type Criterion,
  type RatingValue,
  type Ratings,
  type Scorecard,
} from '../../contract/qa';

export function criteriaOf(scorecard: Pick<Scorecard, 'sections'>): Criterion[] {
  return scorecard.sections.flatMap((section) => section.criteria);
}

export interface RatingOption {
  value: Exclude<RatingValue, null>;
  label: string;
}

export function ratingOptions(criterion: Criterion): RatingOption[] {
  const options: RatingOption[] =
    criterion.scale === 'binary'
      ? [
          { value: 0, label: 'Fail' },
          { value: 1, label: 'Pass' },
        ]
      : Array.from({ length: scaleRange(criterion.scale).max }, (_, index) => ({
          value: index + 1,
          label: String(index + 1),
        }));
  if (criterion.allowNa) options.push({ value: 'na', label: 'N/A' });
  return options;
}

export function ratingLabel(criterion: Criterion, value: RatingValue | undefined): string {
  if (value === null || value === undefined) return 'Not rated';
  if (value === 'na') return 'N/A';
  if (criterion.scale === 'binary') return value === 1 ? 'Pass' : 'Fail';
  return `${value} of ${criterion.scale}`;
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

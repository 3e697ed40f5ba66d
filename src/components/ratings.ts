// How a rating reads to a person, and the options a criterion's scale offers: one wording everywhere.
import { scaleRange, type RatingValue } from '../../contract/qa-score';
import { type Criterion } from '../../contract/scorecards';

export interface RatingOption {
  value: Exclude<RatingValue, null>;
  /** What the option shows: "Fail", "Pass", "3", "N/A". */
  short: string;
  /** Its full name, read by screen readers and shown where there is room: "Fail", "3 of 5", "N/A". */
  label: string;
}

/** The scale's values from lowest to highest, then N/A where the criterion allows it. */
export function ratingOptions(criterion: Pick<Criterion, 'scale' | 'allowNa'>): RatingOption[] {
  const { min, max } = scaleRange(criterion.scale);
  const options: RatingOption[] = Array.from({ length: max - min + 1 }, (_, index) => {
    const value = min + index;
    const label = ratingLabel(criterion, value);
    return { value, label, short: criterion.scale === 'binary' ? label : String(value) };
  });
  if (criterion.allowNa) options.push({ value: 'na', short: 'N/A', label: 'N/A' });
  return options;
}

export function ratingLabel(criterion: Pick<Criterion, 'scale'>, value: RatingValue | undefined): string {
  if (value === null || value === undefined) return 'Not rated';
  if (value === 'na') return 'N/A';
  if (criterion.scale === 'binary') return value === 1 ? 'Pass' : 'Fail';
  return `${value} of ${criterion.scale}`;
}

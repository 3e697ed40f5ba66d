// How a rating reads to a person, and the choices a criterion's scale offers.
import { scaleRange, type Criterion, type RatingValue } from '../../contract/qa';

export function ratingChoices(criterion: Criterion): { value: Exclude<RatingValue, null>; label: string }[] {
  const { min, max } = scaleRange(criterion.scale);
  const values = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  const choices: { value: Exclude<RatingValue, null>; label: string }[] = values.map((value) => ({
    value,
    label: ratingLabel(criterion, value),
  }));
  if (criterion.allowNa) choices.push({ value: 'na', label: 'N/A' });
  return choices;
}

export function ratingLabel(criterion: Criterion, value: RatingValue): string {
  if (value === null) return 'Not rated';
  if (value === 'na') return 'N/A';
  if (criterion.scale === 'binary') return value === 1 ? 'Pass' : 'Fail';
  return `${value} of ${criterion.scale}`;
}

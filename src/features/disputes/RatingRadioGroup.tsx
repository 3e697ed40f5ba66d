import type { Criterion, RatingValue } from '../../contract/qa';
import { ratingChoices } from './ratings';

/** One criterion's rating as a radio group: arrow keys move between the values of its scale. */
export function RatingRadioGroup({
  criterion,
  name,
  value,
  onChange,
}: {
  criterion: Criterion;
  /** Unique per form, so the browser groups the radios. */
  name: string;
  value: RatingValue;
  onChange: (value: Exclude<RatingValue, null>) => void;
}) {
  return (
    <fieldset>
      <legend className="sr-only">{criterion.title}</legend>
      <div className="flex flex-wrap gap-1.5">
        {ratingChoices(criterion).map((choice) => (
          <label
            key={String(choice.value)}
            className="inline-flex cursor-pointer items-center rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset has-checked:bg-brand-700 has-checked:text-white has-checked:ring-brand-700 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              className="sr-only"
              name={name}
              value={String(choice.value)}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

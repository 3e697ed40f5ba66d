// One criterion's rating scale (binary, 3/4/5-point, optional N/A) as a native radio group: arrow keys move
// between the values, each option is named in full ("Pass", "2 of 5", "N/A") for screen readers.
import { useId } from 'react';
import type { RatingValue } from '../../contract/qa-score';
import type { Criterion } from '../../contract/scorecards';
import { ratingOptions } from './ratings';

export function RatingScale({
  criterion,
  name,
  value,
  onChange,
}: {
  criterion: Pick<Criterion, 'title' | 'description' | 'scale' | 'allowNa' | 'critical'>;
  /** Unique on the page, so the browser groups the radios. */
  name: string;
  value: RatingValue | undefined;
  onChange: (value: Exclude<RatingValue, null>) => void;
}) {
  const id = useId();
  const describedBy = [criterion.critical && `${id}-critical`, criterion.description && `${id}-description`]
    .filter(Boolean)
    .join(' ');
  return (
    // role=radiogroup also tells the review page's shortcuts that the arrow keys belong to the group.
    <fieldset role="radiogroup" aria-labelledby={`${id}-title`} aria-describedby={describedBy || undefined}>
      <legend className="text-sm font-medium text-slate-900">
        <span id={`${id}-title`}>{criterion.title}</span>
        {criterion.critical && (
          <span
            id={`${id}-critical`}
            className="ml-1.5 rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800"
          >
            Critical<span className="sr-only">: its lowest rating makes the score 0.</span>
          </span>
        )}
      </legend>
      {criterion.description && (
        <p id={`${id}-description`} className="mt-0.5 text-xs text-slate-600">
          {criterion.description}
        </p>
      )}
      <div className="mt-2 flex flex-wrap gap-1.5">
        {ratingOptions(criterion).map((option) => (
          <label
            key={String(option.value)}
            className="relative inline-flex min-h-8 min-w-9 cursor-pointer items-center justify-center rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset has-checked:bg-brand-700 has-checked:text-white has-checked:ring-brand-700 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              // The full name ("2 of 5") where the option only shows its digit.
              aria-label={option.short === option.label ? undefined : option.label}
              className="sr-only"
            />
            {option.short}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

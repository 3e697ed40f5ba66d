// One criterion of a draft: a native radio group (arrow keys move between options) and a comment.
import { useId } from 'react';
import type { Criterion, CriterionRating as Rating } from '../../contract/qa';
import { ratingOptions } from './scoring';

export function CriterionRating({
  criterion,
  rating,
  groupName,
  onChange,
}: {
  criterion: Criterion;
  rating: Rating | undefined;
  groupName: string;
  onChange: (rating: Rating) => void;
}) {
  const id = useId();
  const value = rating?.value ?? null;
  const comment = rating?.comment ?? '';
  return (
    <div className="py-3">
      {/* role=radiogroup also tells the page's shortcuts that the arrow keys belong to the group. */}
      <fieldset
        role="radiogroup"
        aria-labelledby={`${id}-title`}
        aria-describedby={criterion.description ? `${id}-description` : undefined}
      >
        <legend id={`${id}-title`} className="text-sm font-medium text-slate-900">
          {criterion.title}
          {criterion.critical && (
            <span className="ml-1.5 rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-700">
              Critical
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
              className="relative inline-flex min-w-9 cursor-pointer items-center justify-center rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset has-checked:bg-brand-700 has-checked:text-white has-checked:ring-brand-700 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
            >
              <input
                type="radio"
                name={groupName}
                value={String(option.value)}
                checked={value === option.value}
                onChange={() => onChange({ value: option.value, comment: rating?.comment ?? null })}
                className="sr-only"
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-comment`} className="sr-only">
        Comment on {criterion.title}
      </label>
      <textarea
        id={`${id}-comment`}
        rows={1}
        placeholder="Comment (optional)"
        value={comment}
        onChange={(event) => onChange({ value, comment: event.target.value || null })}
        className="mt-2 block w-full resize-y rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-600"
      />
    </div>
  );
}

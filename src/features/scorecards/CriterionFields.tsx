// One criterion in the scorecard editor: title, description, scale, weight, N/A and critical.
import { useId } from 'react';
import { TextField } from '../../components/TextField';
import { RATING_SCALES, type RatingScale } from '../../contract/qa';
import { RowButton } from './RowButton';
import type { CriterionField } from './scorecard-errors';
import type { CriterionDraft } from './scorecard-draft';

const scaleLabels: Record<RatingScale, string> = {
  binary: 'Pass / fail',
  '3': '3-point scale',
  '4': '4-point scale',
  '5': '5-point scale',
};

export function CriterionFields({
  label,
  criterion,
  errors,
  autoFocus,
  first,
  last,
  only,
  onChange,
  onMove,
  onRemove,
}: {
  label: string;
  criterion: CriterionDraft;
  /** Shown under each field, which is marked invalid. */
  errors: Partial<Record<CriterionField, string>>;
  autoFocus: boolean;
  first: boolean;
  last: boolean;
  only: boolean;
  onChange: (criterion: CriterionDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const name = label.toLowerCase();
  const inputClass = (field: CriterionField) =>
    `mt-1.5 block rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:border-brand-600 ${
      errors[field] ? 'border-red-600' : 'border-slate-300 hover:border-slate-400'
    }`;
  const invalid = (field: CriterionField) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {};
  const message = (field: CriterionField) =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="mt-1.5 text-sm text-red-700">
        {errors[field]}
      </p>
    );
  return (
    <fieldset className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <legend className="sr-only">{label}</legend>
      <div className="flex items-center justify-between gap-3">
        <p aria-hidden="true" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {label}
        </p>
        <div className="flex gap-1">
          <RowButton label={`Move ${name} up`} disabled={first} onClick={() => onMove(-1)}>
            Up
          </RowButton>
          <RowButton label={`Move ${name} down`} disabled={last} onClick={() => onMove(1)}>
            Down
          </RowButton>
          <RowButton label={`Remove ${name}`} disabled={only} onClick={onRemove}>
            Remove
          </RowButton>
        </div>
      </div>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        <TextField
          label="Criterion title"
          value={criterion.title}
          error={errors.title}
          autoFocus={autoFocus}
          onChange={(event) => onChange({ ...criterion, title: event.target.value })}
        />
        <TextField
          label="Criterion description"
          value={criterion.description}
          error={errors.description}
          onChange={(event) => onChange({ ...criterion, description: event.target.value })}
        />
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-3">
        <div>
          <label htmlFor={`${id}-scale`} className="block text-sm font-medium text-slate-800">
            Scale
          </label>
          <select
            id={`${id}-scale`}
            value={criterion.scale}
            onChange={(event) => onChange({ ...criterion, scale: event.target.value as RatingScale })}
            {...invalid('scale')}
            className={`w-full ${inputClass('scale')}`}
          >
            {RATING_SCALES.map((scale) => (
              <option key={scale} value={scale}>
                {scaleLabels[scale]}
              </option>
            ))}
          </select>
          {message('scale')}
        </div>
        <div className="max-w-56">
          <label htmlFor={`${id}-weight`} className="block text-sm font-medium text-slate-800">
            Weight
          </label>
          <input
            id={`${id}-weight`}
            type="number"
            inputMode="decimal"
            min="0"
            step="any"
            value={criterion.weight}
            onChange={(event) => onChange({ ...criterion, weight: event.target.value })}
            {...invalid('weight')}
            className={`w-28 ${inputClass('weight')}`}
          />
          {message('weight')}
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={criterion.allowNa}
            onChange={(event) => onChange({ ...criterion, allowNa: event.target.checked })}
            className="size-4 accent-brand-700"
          />
          Allow N/A
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={criterion.critical}
            onChange={(event) => onChange({ ...criterion, critical: event.target.checked })}
            className="size-4 accent-brand-700"
          />
          Critical (a fail scores the whole evaluation 0)
        </label>
      </div>
    </fieldset>
  );
}

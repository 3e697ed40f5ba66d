// One criterion in the scorecard editor: title, description, scale, weight, N/A and critical.
import { CheckboxField, SelectField, TextField } from '../../components/FormField';
import { RATING_SCALES, type RatingScale } from '../../../contract/qa-score';
import { ReorderButtons } from './RowButton';
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
  return (
    <fieldset className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <legend className="sr-only">{label}</legend>
      <div className="flex items-center justify-between gap-3">
        <p aria-hidden="true" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {label}
        </p>
        <ReorderButtons
          name={label.toLowerCase()}
          first={first}
          last={last}
          only={only}
          onMove={onMove}
          onRemove={onRemove}
        />
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
      <div className="mt-3 flex flex-wrap items-start gap-x-6 gap-y-3">
        <SelectField
          label="Scale"
          value={criterion.scale}
          error={errors.scale}
          onChange={(event) => onChange({ ...criterion, scale: event.target.value as RatingScale })}
        >
          {RATING_SCALES.map((scale) => (
            <option key={scale} value={scale}>
              {scaleLabels[scale]}
            </option>
          ))}
        </SelectField>
        <TextField
          className="w-40"
          label="Weight"
          type="number"
          inputMode="decimal"
          min="0"
          step="any"
          value={criterion.weight}
          error={errors.weight}
          onChange={(event) => onChange({ ...criterion, weight: event.target.value })}
        />
      </div>
      <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        <CheckboxField
          label="Allow N/A"
          checked={criterion.allowNa}
          onChange={(event) => onChange({ ...criterion, allowNa: event.target.checked })}
        />
        <CheckboxField
          label="Critical (a fail scores the whole evaluation 0)"
          checked={criterion.critical}
          onChange={(event) => onChange({ ...criterion, critical: event.target.checked })}
        />
      </div>
    </fieldset>
  );
}

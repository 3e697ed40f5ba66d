// One section in the scorecard editor: its title, its criteria, and adding, moving and removing them.
import { Button } from '../../components/Button';
import { TextField } from '../../components/FormField';
import { CriterionFields } from './CriterionFields';
import { ReorderButtons } from './RowButton';
import {
  CRITERION_FIELDS,
  criterionField,
  sectionField,
  type CriterionField,
  type DraftErrors,
  type FieldId,
} from './scorecard-errors';
import { emptyCriterion, moved, type CriterionDraft, type SectionDraft } from './scorecard-draft';

export function SectionFields({
  section,
  index,
  count,
  errors,
  focusKey,
  onChange,
  onEdited,
  onMove,
  onRemove,
  onAdded,
}: {
  section: SectionDraft;
  index: number;
  /** How many sections the scorecard has. */
  count: number;
  errors: DraftErrors;
  /** The key of the section or criterion just added: its first field takes focus. */
  focusKey: string | null;
  onChange: (update: (section: SectionDraft) => SectionDraft) => void;
  /** A field was edited: its error no longer applies. */
  onEdited: (field: FieldId) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  /** A criterion was added, with this key. */
  onAdded: (key: string) => void;
}) {
  const label = `Section ${index + 1}`;
  const setCriteria = (update: (criteria: CriterionDraft[]) => CriterionDraft[]) =>
    onChange((current) => ({ ...current, criteria: update(current.criteria) }));

  return (
    <fieldset className="rounded-2xl border border-slate-200 bg-white p-5 shadow-xs">
      <legend className="px-1 text-sm font-semibold text-slate-900">{label}</legend>
      {/* The title comes first in the tab order; the buttons sit level with its input, error or not. */}
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          className="min-w-60 flex-1"
          label="Section title"
          value={section.title}
          autoFocus={focusKey === section.key}
          error={errors.fields[sectionField(section.key)]}
          onChange={(event) => {
            const title = event.target.value;
            onChange((current) => ({ ...current, title }));
            onEdited(sectionField(section.key));
          }}
        />
        <ReorderButtons
          className="mt-7.5"
          name={label.toLowerCase()}
          first={index === 0}
          last={index === count - 1}
          only={count === 1}
          onMove={onMove}
          onRemove={onRemove}
        />
      </div>

      <div className="mt-4 space-y-3">
        {section.criteria.map((criterion, criterionIndex) => (
          <CriterionFields
            key={criterion.key}
            label={`Criterion ${index + 1}.${criterionIndex + 1}`}
            criterion={criterion}
            errors={criterionErrors(errors, criterion.key)}
            autoFocus={focusKey === criterion.key}
            first={criterionIndex === 0}
            last={criterionIndex === section.criteria.length - 1}
            only={section.criteria.length === 1}
            onChange={(next) => {
              setCriteria((criteria) => criteria.map((c) => (c.key === criterion.key ? next : c)));
              for (const field of CRITERION_FIELDS) {
                if (next[field] !== criterion[field]) onEdited(criterionField(criterion.key, field));
              }
            }}
            onMove={(offset) => setCriteria((criteria) => moved(criteria, criterionIndex, offset))}
            onRemove={() => setCriteria((criteria) => criteria.filter((c) => c.key !== criterion.key))}
          />
        ))}
      </div>
      <Button
        variant="secondary"
        className="mt-3"
        onClick={() => {
          const added = emptyCriterion();
          onAdded(added.key);
          setCriteria((criteria) => [...criteria, added]);
        }}
      >
        Add criterion<span className="sr-only"> to {label.toLowerCase()}</span>
      </Button>
    </fieldset>
  );
}

function criterionErrors(errors: DraftErrors, key: string): Partial<Record<CriterionField, string>> {
  return Object.fromEntries(
    CRITERION_FIELDS.map((field) => [field, errors.fields[criterionField(key, field)]]).filter(
      ([, message]) => message,
    ),
  );
}

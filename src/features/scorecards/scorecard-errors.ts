// What is wrong with a scorecard draft, field by field: found before sending (empty names and titles,
// weights that are not positive) or named by the server's 400 ("sections.0.criteria.1.weight: …").
import type { CriterionDraft, ScorecardDraft } from './scorecard-draft';

/** A field of the draft, by the row's local key, so an error stays on its row when rows move. */
export type FieldId =
  'name' | 'description' | `section:${string}:title` | `criterion:${string}:${CriterionField}`;
export const CRITERION_FIELDS = ['title', 'description', 'scale', 'weight'] as const;
export type CriterionField = (typeof CRITERION_FIELDS)[number];

export interface DraftErrors {
  fields: Partial<Record<FieldId, string>>;
  /** What no field can show (e.g. two criteria with one id): listed above Save. */
  summary: string[];
}

export const noErrors: DraftErrors = { fields: {}, summary: [] };

export const hasErrors = (errors: DraftErrors) =>
  Object.keys(errors.fields).length > 0 || errors.summary.length > 0;

export const sectionField = (sectionKey: string) => `section:${sectionKey}:title` as const;
export const criterionField = (criterionKey: string, field: CriterionField) =>
  `criterion:${criterionKey}:${field}` as const;

/** "must not be empty" → "Must not be empty.": the server's wording, as a sentence under the field. */
function sentence(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The checks the server would make first, so the obvious ones never need a round trip. */
export function validateDraft(draft: ScorecardDraft): DraftErrors {
  const fields: DraftErrors['fields'] = {};
  if (!draft.name.trim()) fields.name = sentence('must not be empty');
  for (const section of draft.sections) {
    if (!section.title.trim()) fields[sectionField(section.key)] = sentence('must not be empty');
    for (const criterion of section.criteria) {
      if (!criterion.title.trim())
        fields[criterionField(criterion.key, 'title')] = sentence('must not be empty');
      if (!isPositiveNumber(criterion.weight))
        fields[criterionField(criterion.key, 'weight')] = sentence('must be a positive number');
    }
  }
  return { fields, summary: [] };
}

function isPositiveNumber(weight: string): boolean {
  const value = Number(weight);
  return weight.trim() !== '' && Number.isFinite(value) && value > 0;
}

const SERVER_FIELD = /^([A-Za-z0-9_.]+): (.+)$/s;

/** The server's 400 description on the field it names, or in the summary when no field can show it. */
export function serverErrors(draft: ScorecardDraft, description: string): DraftErrors {
  const match = SERVER_FIELD.exec(description);
  const field = match ? fieldOfPath(draft, match[1]!) : null;
  if (!match) return { fields: {}, summary: [description] };
  if (!field) return { fields: {}, summary: [`${placeOf(match[1]!)}: ${match[2]!}`] };
  return { fields: { [field]: sentence(match[2]!) }, summary: [] };
}

/** `sections.1.criteria.0.id` → "Criterion 2.1 (id)", as the editor labels its rows. */
function placeOf(path: string): string {
  const [, section, criterion, rest] = /^sections\.(\d+)(?:\.criteria\.(\d+))?(?:\.(.+))?$/.exec(path) ?? [];
  if (section === undefined) return path;
  const row =
    criterion === undefined
      ? `Section ${Number(section) + 1}`
      : `Criterion ${Number(section) + 1}.${Number(criterion) + 1}`;
  return rest ? `${row} (${rest})` : row;
}

/** `name`, `sections.0.title`, `sections.0.criteria.1.weight` → the field; anything else → null. */
export function fieldOfPath(draft: ScorecardDraft, path: string): FieldId | null {
  const parts = path.split('.');
  if (parts.length === 1 && (parts[0] === 'name' || parts[0] === 'description')) return parts[0];
  if (parts[0] !== 'sections') return null;
  const section = draft.sections[Number(parts[1])];
  if (!section) return null;
  if (parts.length === 3 && parts[2] === 'title') return sectionField(section.key);
  if (parts.length !== 5 || parts[2] !== 'criteria') return null;
  const criterion: CriterionDraft | undefined = section.criteria[Number(parts[3])];
  const name = parts[4]!;
  if (!criterion || !(CRITERION_FIELDS as readonly string[]).includes(name)) return null;
  return criterionField(criterion.key, name as CriterionField);
}

/** Once a field is edited its error no longer applies: the person is fixing it. */
export function withoutField(errors: DraftErrors, field: FieldId): DraftErrors {
  if (!(field in errors.fields)) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { ...errors, fields };
}

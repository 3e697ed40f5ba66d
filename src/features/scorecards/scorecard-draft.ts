// The editor's working copy of a scorecard: strings where the user types numbers, a local key per row
// (ids exist only for what the server has already seen), and the input the API expects.
import type { RatingScale } from '../../../contract/qa-score';
import type { Scorecard, ScorecardInput } from '../../../contract/scorecards';

export interface CriterionDraft {
  key: string;
  id?: string;
  title: string;
  description: string;
  scale: RatingScale;
  weight: string;
  allowNa: boolean;
  critical: boolean;
}

export interface SectionDraft {
  key: string;
  id?: string;
  title: string;
  criteria: CriterionDraft[];
}

export interface ScorecardDraft {
  name: string;
  description: string;
  sections: SectionDraft[];
}

let lastKey = 0;
const nextKey = () => `new-${++lastKey}`;

export function emptyCriterion(): CriterionDraft {
  return {
    key: nextKey(),
    title: '',
    description: '',
    scale: '5',
    weight: '1',
    allowNa: false,
    critical: false,
  };
}

export function emptySection(): SectionDraft {
  return { key: nextKey(), title: '', criteria: [emptyCriterion()] };
}

export function emptyDraft(): ScorecardDraft {
  return { name: '', description: '', sections: [emptySection()] };
}

export function draftOf(scorecard: Scorecard): ScorecardDraft {
  return {
    name: scorecard.name,
    description: scorecard.description,
    sections: scorecard.sections.map((section) => ({
      key: section.id,
      id: section.id,
      title: section.title,
      criteria: section.criteria.map((criterion) => ({
        key: criterion.id,
        id: criterion.id,
        title: criterion.title,
        description: criterion.description,
        scale: criterion.scale,
        weight: String(criterion.weight),
        allowNa: criterion.allowNa,
        critical: criterion.critical,
      })),
    })),
  };
}

/** Ids are kept, so criteria stay the same criteria across versions; the server checks everything else. */
export function inputOf(draft: ScorecardDraft): ScorecardInput {
  return {
    name: draft.name,
    description: draft.description,
    sections: draft.sections.map((section) => ({
      ...(section.id ? { id: section.id } : {}),
      title: section.title,
      criteria: section.criteria.map((criterion) => ({
        ...(criterion.id ? { id: criterion.id } : {}),
        title: criterion.title,
        description: criterion.description,
        scale: criterion.scale,
        weight: criterion.weight.trim() === '' ? Number.NaN : Number(criterion.weight),
        allowNa: criterion.allowNa,
        critical: criterion.critical,
      })),
    })),
  };
}

/** Moves the item at `index` by `offset` (−1 up, +1 down); out of range leaves the list as it is. */
export function moved<Item>(items: readonly Item[], index: number, offset: number): Item[] {
  const target = index + offset;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item!);
  return next;
}

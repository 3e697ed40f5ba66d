// Creating or editing a scorecard: name, description, sections and their criteria, reordered with buttons.
// Saving an existing scorecard publishes a new version; evaluations keep the version they were made with.
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import type { Scorecard } from '../../contract/qa';
import { isApiError } from '../../lib/api-client';
import { useSaveScorecard } from './api';
import { CriterionFields } from './CriterionFields';
import { RowButton } from './RowButton';
import {
  draftOf,
  emptyCriterion,
  emptyDraft,
  emptySection,
  inputOf,
  moved,
  type CriterionDraft,
  type ScorecardDraft,
  type SectionDraft,
} from './scorecard-draft';

export function ScorecardEditor({
  scorecard,
  onSaved,
  onCancel,
  onReload,
}: {
  /** null: a new scorecard. */
  scorecard: Scorecard | null;
  onSaved: (saved: Scorecard) => void;
  onCancel: () => void;
  /** Fetch the server's current copy (after someone else changed it); the editor starts over from it. */
  onReload: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<ScorecardDraft>(() => (scorecard ? draftOf(scorecard) : emptyDraft()));
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const save = useSaveScorecard(scorecard?.id ?? null);
  const conflict = isApiError(save.error) && save.error.status === 409;

  const setSections = (update: (sections: SectionDraft[]) => SectionDraft[]) =>
    setDraft((current) => ({ ...current, sections: update(current.sections) }));
  const setSection = (key: string, update: (section: SectionDraft) => SectionDraft) =>
    setSections((sections) => sections.map((section) => (section.key === key ? update(section) : section)));
  const setCriteria = (sectionKey: string, update: (criteria: CriterionDraft[]) => CriterionDraft[]) =>
    setSection(sectionKey, (section) => ({ ...section, criteria: update(section.criteria) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = inputOf(draft);
    save.mutate(scorecard ? { ...input, version: scorecard.currentVersion } : input, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} className="space-y-6">
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
          {scorecard ? `Edit “${scorecard.name}”` : 'New scorecard'}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {scorecard ? (
            <>
              Current version: <strong className="font-semibold">version {scorecard.currentVersion}</strong>.
              Saving publishes version {scorecard.currentVersion + 1}. Evaluations keep the version they were
              made with.
            </>
          ) : (
            'Saving publishes version 1. Editing it later publishes a new version; evaluations keep the version they were made with.'
          )}
        </p>
      </div>

      <div className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-xs">
        <TextField
          label="Name"
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          autoFocus
          required
        />
        <div>
          <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-800">
            Description
          </label>
          <textarea
            id={`${id}-description`}
            rows={2}
            value={draft.description}
            onChange={(event) => setDraft({ ...draft, description: event.target.value })}
            className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs hover:border-slate-400 focus:border-brand-600"
          />
        </div>
      </div>

      {draft.sections.map((section, sectionIndex) => {
        const sectionLabel = `Section ${sectionIndex + 1}`;
        return (
          <fieldset key={section.key} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-xs">
            <legend className="px-1 text-sm font-semibold text-slate-900">{sectionLabel}</legend>
            <div className="flex flex-wrap items-end gap-3">
              <TextField
                className="min-w-60 flex-1"
                label="Section title"
                value={section.title}
                autoFocus={focusKey === section.key}
                onChange={(event) => setSection(section.key, (s) => ({ ...s, title: event.target.value }))}
              />
              <div className="flex gap-1">
                <RowButton
                  label={`Move ${sectionLabel.toLowerCase()} up`}
                  disabled={sectionIndex === 0}
                  onClick={() => setSections((sections) => moved(sections, sectionIndex, -1))}
                >
                  Up
                </RowButton>
                <RowButton
                  label={`Move ${sectionLabel.toLowerCase()} down`}
                  disabled={sectionIndex === draft.sections.length - 1}
                  onClick={() => setSections((sections) => moved(sections, sectionIndex, 1))}
                >
                  Down
                </RowButton>
                <RowButton
                  label={`Remove ${sectionLabel.toLowerCase()}`}
                  disabled={draft.sections.length === 1}
                  onClick={() => setSections((sections) => sections.filter((s) => s.key !== section.key))}
                >
                  Remove
                </RowButton>
              </div>
            </div>

            <div className="mt-4 space-y-3">
              {section.criteria.map((criterion, criterionIndex) => (
                <CriterionFields
                  key={criterion.key}
                  label={`Criterion ${sectionIndex + 1}.${criterionIndex + 1}`}
                  criterion={criterion}
                  autoFocus={focusKey === criterion.key}
                  first={criterionIndex === 0}
                  last={criterionIndex === section.criteria.length - 1}
                  only={section.criteria.length === 1}
                  onChange={(next) =>
                    setCriteria(section.key, (criteria) =>
                      criteria.map((c) => (c.key === criterion.key ? next : c)),
                    )
                  }
                  onMove={(offset) =>
                    setCriteria(section.key, (criteria) => moved(criteria, criterionIndex, offset))
                  }
                  onRemove={() =>
                    setCriteria(section.key, (criteria) => criteria.filter((c) => c.key !== criterion.key))
                  }
                />
              ))}
            </div>
            <Button
              variant="secondary"
              className="mt-3"
              onClick={() => {
                const added = emptyCriterion();
                setFocusKey(added.key);
                setCriteria(section.key, (criteria) => [...criteria, added]);
              }}
            >
              Add criterion<span className="sr-only"> to {sectionLabel.toLowerCase()}</span>
            </Button>
          </fieldset>
        );
      })}

      <Button
        variant="secondary"
        onClick={() => {
          const added = emptySection();
          setFocusKey(added.key);
          setSections((sections) => [...sections, added]);
        }}
      >
        Add section
      </Button>

      {save.isError && (
        <div role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          {conflict ? (
            <div className="flex flex-wrap items-center gap-3">
              <p className="flex-1">
                This scorecard was changed by someone else; reload it to see their version.
              </p>
              <Button variant="secondary" onClick={onReload}>
                Reload
              </Button>
            </div>
          ) : isApiError(save.error) && save.error.status === 400 ? (
            <p>
              <span className="font-semibold">Check the scorecard: </span>
              {save.error.description}
            </p>
          ) : (
            <p>{isApiError(save.error) ? save.error.description : 'Saving the scorecard failed.'}</p>
          )}
        </div>
      )}

      <div className="flex items-center gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" pending={save.isPending}>
          {scorecard ? `Publish version ${scorecard.currentVersion + 1}` : 'Create scorecard'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

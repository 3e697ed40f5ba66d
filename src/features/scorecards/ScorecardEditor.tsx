// Creating or editing a scorecard: name, description, sections and their criteria, reordered with buttons.
// Saving an existing scorecard publishes a new version; evaluations keep the version they were made with.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { TextAreaField, TextField } from '../../components/FormField';
import type { Scorecard } from '../../../contract/scorecards';
import { isApiError } from '../../lib/api-client';
import { useSaveScorecard } from './api';
import {
  hasErrors,
  noErrors,
  serverErrors,
  validateDraft,
  withoutField,
  type DraftErrors,
  type FieldId,
} from './scorecard-errors';
import {
  draftOf,
  emptyDraft,
  emptySection,
  inputOf,
  moved,
  type ScorecardDraft,
  type SectionDraft,
} from './scorecard-draft';
import { SectionFields } from './SectionFields';

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
  const [errors, setErrors] = useState<DraftErrors>(noErrors);
  // Bumped whenever errors are shown: the first invalid field (in page order) then takes focus.
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSaveScorecard(scorecard?.id ?? null);
  const conflict = isApiError(save.error) && save.error.status === 409;
  const invalidInput = isApiError(save.error) && save.error.status === 400;

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const edited = (field: FieldId) => setErrors((current) => withoutField(current, field));
  const showErrors = (next: DraftErrors) => {
    setErrors(next);
    setFocusInvalid((count) => count + 1);
  };

  const setSections = (update: (sections: SectionDraft[]) => SectionDraft[]) =>
    setDraft((current) => ({ ...current, sections: update(current.sections) }));
  const setSection = (key: string, update: (section: SectionDraft) => SectionDraft) =>
    setSections((sections) => sections.map((section) => (section.key === key ? update(section) : section)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(draft);
    if (hasErrors(found)) {
      save.reset();
      showErrors(found);
      return;
    }
    setErrors(noErrors);
    const input = inputOf(draft);
    const sent = draft;
    save.mutate(scorecard ? { ...input, version: scorecard.currentVersion } : input, {
      onSuccess: onSaved,
      onError: (error) => {
        if (isApiError(error) && error.status === 400) showErrors(serverErrors(sent, error.description));
      },
    });
  }

  const summaryId = `${id}-summary`;
  const fieldErrorCount = Object.keys(errors.fields).length;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} className="space-y-6">
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
          onChange={(event) => {
            setDraft({ ...draft, name: event.target.value });
            edited('name');
          }}
          error={errors.fields.name}
          autoFocus
          required
        />
        <TextAreaField
          label="Description"
          rows={2}
          value={draft.description}
          onChange={(event) => {
            setDraft({ ...draft, description: event.target.value });
            edited('description');
          }}
          error={errors.fields.description}
        />
      </div>

      {draft.sections.map((section, index) => (
        <SectionFields
          key={section.key}
          section={section}
          index={index}
          count={draft.sections.length}
          errors={errors}
          focusKey={focusKey}
          onChange={(update) => setSection(section.key, update)}
          onEdited={edited}
          onMove={(offset) => setSections((sections) => moved(sections, index, offset))}
          onRemove={() => setSections((sections) => sections.filter((s) => s.key !== section.key))}
          onAdded={setFocusKey}
        />
      ))}

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

      {(fieldErrorCount > 0 || errors.summary.length > 0) && (
        <div
          id={summaryId}
          role="alert"
          className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          <p className="font-semibold">
            {fieldErrorCount > 0
              ? `Check the scorecard: ${fieldErrorCount === 1 ? 'one field needs' : `${fieldErrorCount} fields need`} attention.`
              : 'Check the scorecard:'}
          </p>
          {errors.summary.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {errors.summary.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      {save.isError && !invalidInput && (
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

// Rating a recording: the reviewer's own draft, saved as they go, with a live score and explicit submit.
import { useId } from 'react';
import { Button } from '../../components/Button';
import { RatingScale } from '../../components/RatingScale';
import { type Evaluation } from '../../../contract/evaluations';
import { scoreOf, type CriterionRating } from '../../../contract/ratings';
import { criteriaOf } from '../../../contract/scorecards';
import { isApiError } from '../../lib/api-client';
import { useSubmitEvaluation } from './api';
import { ConflictDialog } from './ConflictDialog';
import type { SaveStatus } from './draft-saver';
import { formatScore, hasCriticalFailure, isComplete } from './scoring';
import { useDraftAutosave } from './use-draft-autosave';

export function DraftEditor({
  evaluation,
  autosaveDelayMs,
}: {
  evaluation: Evaluation;
  autosaveDelayMs?: number;
}) {
  const formId = useId();
  const autosave = useDraftAutosave(evaluation, { delayMs: autosaveDelayMs });
  const submit = useSubmitEvaluation();
  const { ratings, overallComment } = autosave.content;
  const criteria = criteriaOf(evaluation.scorecard);
  const score = scoreOf(evaluation.scorecard, ratings);
  const complete = isComplete(criteria, ratings);
  const status = autosave.status;

  async function onSubmit() {
    await autosave.flush();
    // Not on the server yet (offline, conflict, refused): the status line says why; submit waits.
    if (autosave.unsaved()) return;
    submit.mutate({ id: evaluation.id, version: autosave.version() });
  }

  return (
    <form
      aria-label={`Your evaluation with ${evaluation.scorecard.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      onBlur={(event) => {
        // Focus leaving the form is a natural pause: save now rather than after the debounce.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) void autosave.flush();
      }}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Draft</p>
          <p className="truncate text-sm font-medium text-slate-900">{evaluation.scorecard.name}</p>
        </div>
        <LiveScore score={score} criticalFailure={hasCriticalFailure(criteria, ratings)} />
      </div>

      {evaluation.scorecard.sections.map((section) => (
        <section key={section.id} aria-label={section.title} className="mt-4">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h3>
          <div className="divide-y divide-slate-100">
            {section.criteria.map((criterion) => {
              const rating = ratings[criterion.id];
              const rate = (change: Partial<CriterionRating>) =>
                autosave.change((current) => ({
                  ...current,
                  ratings: {
                    ...current.ratings,
                    [criterion.id]: {
                      value: null,
                      comment: null,
                      ...current.ratings[criterion.id],
                      ...change,
                    },
                  },
                }));
              return (
                <div key={criterion.id} className="py-3">
                  <RatingScale
                    criterion={criterion}
                    name={`evaluation-${evaluation.id}-${criterion.id}`}
                    value={rating?.value}
                    onChange={(value) => rate({ value })}
                  />
                  <label htmlFor={`${formId}-${criterion.id}-comment`} className="sr-only">
                    Comment on {criterion.title}
                  </label>
                  <textarea
                    id={`${formId}-${criterion.id}-comment`}
                    rows={1}
                    placeholder="Comment (optional)"
                    value={rating?.comment ?? ''}
                    onChange={(event) => rate({ comment: event.target.value || null })}
                    className="mt-2 block w-full resize-y rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-600"
                  />
                </div>
              );
            })}
          </div>
        </section>
      ))}

      <label htmlFor={`overall-${evaluation.id}`} className="mt-4 block text-sm font-medium text-slate-900">
        Overall comment
      </label>
      <textarea
        id={`overall-${evaluation.id}`}
        rows={3}
        value={overallComment ?? ''}
        onChange={(event) =>
          autosave.change((current) => ({ ...current, overallComment: event.target.value || null }))
        }
        className="mt-1.5 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-900 focus:border-brand-600"
      />

      <SaveStatusLine status={status} onRetry={() => void autosave.flush()} />

      {submit.isError && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {isApiError(submit.error) ? submit.error.description : 'The evaluation could not be submitted.'}
        </p>
      )}
      <div className="mt-4 flex items-center justify-between gap-3">
        <p className="text-xs text-slate-600">
          {complete ? 'Every criterion is rated.' : 'Rate every criterion to submit.'}
        </p>
        <Button
          type="submit"
          className="shrink-0 whitespace-nowrap"
          disabled={!complete}
          pending={submit.isPending}
        >
          Submit evaluation
        </Button>
      </div>

      {status.state === 'conflict' && (
        <ConflictDialog
          theirs={status.theirs}
          onReloadTheirs={() => autosave.reloadTheirs(status.theirs)}
          onKeepMine={() => void autosave.keepMine(status.theirs)}
        />
      )}
    </form>
  );
}

function LiveScore({ score, criticalFailure }: { score: number | null; criticalFailure: boolean }) {
  return (
    <div className="shrink-0 text-right">
      <p>
        <span className="block text-xs text-slate-600">Score</span>{' '}
        <span className="block text-2xl font-semibold text-slate-900 tabular-nums">{formatScore(score)}</span>
      </p>
      {criticalFailure && <p className="text-xs font-semibold text-red-700">Critical failure</p>}
    </div>
  );
}

function SaveStatusLine({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const message = {
    saved: 'All changes saved',
    saving: 'Saving…',
    offline: 'Offline — changes kept on this device, will save when back online',
    conflict: 'Not saved: someone else changed this evaluation',
    failed: status.state === 'failed' ? `Not saved: ${status.description}` : '',
  }[status.state];
  const tone =
    status.state === 'saved'
      ? 'text-emerald-700'
      : status.state === 'saving'
        ? 'text-slate-600'
        : 'text-amber-800';
  return (
    <div className="mt-3 flex items-center gap-3">
      <p role="status" className={`text-sm ${tone}`}>
        {message}
      </p>
      {status.state === 'failed' && (
        <Button variant="ghost" className="px-2 py-1" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

// Resolving a dispute: uphold the evaluation (a comment is required) or revise its ratings (a new revision),
// with the score recomputed live as ratings change.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/FormField';
import { RatingScale } from '../../components/RatingScale';
import { ratingLabel } from '../../components/ratings';
import { ScoreBadge } from '../../components/ScoreBadge';
import { type Dispute } from '../../../contract/disputes';
import { type Evaluation } from '../../../contract/evaluations';
import { type RatingValue } from '../../../contract/qa-score';
import { scoreOf, type Ratings } from '../../../contract/ratings';
import { criteriaOf } from '../../../contract/scorecards';
import { isApiError } from '../../lib/api-client';
import { useResolveDispute } from './api';

type Decision = 'upheld' | 'revised';

export function ResolveDisputeForm({ dispute, evaluation }: { dispute: Dispute; evaluation: Evaluation }) {
  const id = useId();
  const [, setSearchParams] = useSearchParams();
  const resolve = useResolveDispute(dispute, {
    onResolved: () => setSearchParams({ status: 'resolved', dispute: dispute.id }),
  });
  const [decision, setDecision] = useState<Decision>('upheld');
  const [ratings, setRatings] = useState<Ratings>(evaluation.ratings);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const criteria = criteriaOf(evaluation.scorecard);
  const revisedScore = scoreOf(evaluation.scorecard, ratings);
  const changed = criteria.some(
    (criterion) =>
      (ratings[criterion.id]?.value ?? null) !== (evaluation.ratings[criterion.id]?.value ?? null),
  );

  function rate(criterionId: string, value: Exclude<RatingValue, null>) {
    setRatings((current) => ({
      ...current,
      [criterionId]: { value, comment: current[criterionId]?.comment ?? null },
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = comment.trim();
    if (decision === 'upheld' && !trimmed) {
      setCommentError('Explain to the agent why the evaluation stands.');
      commentRef.current?.focus();
      return;
    }
    setCommentError(null);
    resolve.mutate(
      decision === 'upheld'
        ? { outcome: 'upheld', comment: trimmed }
        : { outcome: 'revised', ratings, comment: trimmed || null },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          Resolve the dispute
        </h3>
        <p className="flex items-center gap-2 text-sm text-slate-600" aria-live="polite">
          {evaluation.score !== null && (
            <>
              <span className="sr-only">Current</span>
              <ScoreBadge score={evaluation.score} />
            </>
          )}
          {decision === 'revised' && revisedScore !== null && (
            <>
              <span aria-hidden="true">→</span>
              <span className="sr-only">Revised</span>
              <ScoreBadge score={revisedScore} />
            </>
          )}
        </p>
      </div>

      <fieldset className="mt-3">
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {(
            [
              ['upheld', 'Uphold', 'The evaluation stands as it is.'],
              ['revised', 'Revise', 'Change ratings; a new revision replaces the score.'],
            ] as const
          ).map(([value, label, hint]) => (
            <label
              key={value}
              className="flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-slate-300 ring-inset has-checked:bg-brand-50 has-checked:ring-2 has-checked:ring-brand-600"
            >
              <input
                type="radio"
                name={`${id}-decision`}
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="mt-0.5 accent-brand-700"
              />
              <span>
                <span className="block text-sm font-semibold text-slate-900">{label}</span>
                <span className="block text-sm text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {evaluation.scorecard.sections.map((section) => (
        <div key={section.id} className="mt-5">
          <h4 className="text-sm font-semibold text-slate-700">{section.title}</h4>
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
            {section.criteria.map((criterion) => {
              const current = ratings[criterion.id]?.value ?? null;
              return (
                <li key={criterion.id} className="px-4 py-3">
                  {decision === 'revised' ? (
                    <RatingScale
                      criterion={criterion}
                      name={`${id}-${criterion.id}`}
                      value={current}
                      onChange={(value) => rate(criterion.id, value)}
                    />
                  ) : (
                    <div className="flex flex-wrap items-center justify-between gap-3">
                      <div className="min-w-0 flex-1">
                        <p className="text-sm font-medium text-slate-900">
                          {criterion.title}
                          {criterion.critical && (
                            <span className="ml-1.5 rounded bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800">
                              Critical
                            </span>
                          )}
                        </p>
                        {criterion.description && (
                          <p className="text-xs text-slate-600">{criterion.description}</p>
                        )}
                      </div>
                      <p className="text-sm font-medium text-slate-900">
                        <span className="sr-only">Rating: </span>
                        {ratingLabel(criterion, current)}
                      </p>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}

      <TextAreaField
        className="mt-5"
        label={
          decision === 'upheld' ? 'Comment for the agent (required)' : 'Comment for the agent (optional)'
        }
        ref={commentRef}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={commentError}
      />

      {resolve.isError && (
        <p
          role="alert"
          className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
        >
          {isApiError(resolve.error) ? resolve.error.description : 'Resolving the dispute failed.'}
        </p>
      )}

      <div className="mt-5 flex items-center gap-3">
        <Button type="submit" pending={resolve.isPending} disabled={decision === 'revised' && !changed}>
          {decision === 'upheld' ? 'Uphold evaluation' : 'Save revision'}
        </Button>
        {decision === 'revised' && !changed && (
          <p className="text-sm text-slate-600">Change at least one rating to revise.</p>
        )}
      </div>
    </form>
  );
}

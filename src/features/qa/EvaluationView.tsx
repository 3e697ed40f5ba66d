// A submitted evaluation, read-only: score, ratings with comments, status, and what happened to it.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { Spinner } from '../../components/Spinner';
import { type Evaluation, type EvaluationEvent, type EvaluationStatus } from '../../../contract/evaluations';
import { criteriaOf } from '../../../contract/scorecards';
import { formatDateTime } from '../../lib/format';
import { ratingLabel } from '../../components/ratings';
import { evaluationHistoryQueryOptions } from '../../api/qa';
import { formatScore, hasCriticalFailure } from './scoring';

const statusLabels: Record<EvaluationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  acknowledged: 'Acknowledged',
  disputed: 'Disputed',
};
const statusTones: Record<EvaluationStatus, string> = {
  draft: 'bg-slate-100 text-slate-700',
  submitted: 'bg-brand-50 text-brand-800',
  acknowledged: 'bg-emerald-50 text-emerald-800',
  disputed: 'bg-amber-50 text-amber-900',
};

export const personName = (user: { first_name: string; last_name: string }) =>
  `${user.first_name} ${user.last_name}`.trim() || 'Someone';

export function EvaluationStatusBadge({ status }: { status: EvaluationStatus }) {
  return (
    <span className={`rounded-md px-2 py-0.5 text-xs font-semibold ${statusTones[status]}`}>
      {statusLabels[status]}
    </span>
  );
}

export function EvaluationView({ evaluation, children }: { evaluation: Evaluation; children?: ReactNode }) {
  const criteria = criteriaOf(evaluation.scorecard);
  return (
    <article aria-label={`Evaluation by ${personName(evaluation.evaluator)}`} className="space-y-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{evaluation.scorecard.name}</p>
          <p className="text-xs text-slate-600">
            {personName(evaluation.evaluator)}
            {evaluation.submittedAt && <> · {formatDateTime(new Date(evaluation.submittedAt))}</>}
          </p>
          <p className="mt-1.5">
            <EvaluationStatusBadge status={evaluation.status} />
          </p>
        </div>
        <p className="shrink-0 text-right">
          <span className="block text-xs text-slate-600">Score</span>{' '}
          <span className="block text-2xl font-semibold text-slate-900 tabular-nums">
            {formatScore(evaluation.score)}
          </span>
          {hasCriticalFailure(criteria, evaluation.ratings) && (
            <span className="block text-xs font-semibold text-red-700">Critical failure</span>
          )}
        </p>
      </div>

      {evaluation.scorecard.sections.map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{section.title}</h3>
          <dl className="divide-y divide-slate-100">
            {section.criteria.map((criterion) => {
              const rating = evaluation.ratings[criterion.id];
              return (
                // dt and its dd's directly in one div: the only grouping a <dl> allows.
                <div
                  key={criterion.id}
                  className="flex flex-wrap items-baseline justify-between gap-x-3 py-2"
                >
                  <dt className="min-w-0 flex-1 text-sm text-slate-700">{criterion.title}</dt>
                  <dd className="shrink-0 text-sm font-medium text-slate-900">
                    {ratingLabel(criterion, rating?.value)}
                  </dd>
                  {rating?.comment && (
                    <dd className="mt-0.5 w-full text-sm whitespace-pre-wrap text-slate-600">
                      {rating.comment}
                    </dd>
                  )}
                </div>
              );
            })}
          </dl>
        </section>
      ))}

      {evaluation.overallComment && (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Overall comment</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{evaluation.overallComment}</p>
        </div>
      )}
      {children}
      <EvaluationHistory evaluationId={evaluation.id} />
    </article>
  );
}

function EvaluationHistory({ evaluationId }: { evaluationId: string }) {
  const history = useQuery(evaluationHistoryQueryOptions(evaluationId));
  return (
    <details className="rounded-lg border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">History</summary>
      {history.isPending ? (
        <p role="status" className="mt-2 inline-flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading the history…
        </p>
      ) : history.isError ? (
        <QueryErrorNotice className="mt-2" title="The history could not be loaded." query={history} />
      ) : (
        <ol aria-label="History" className="mt-2 space-y-2">
          {history.data.map((event) => (
            <li key={event.id} className="text-sm">
              <p className="text-slate-900">{describeEvent(event)}</p>
              <p className="text-xs text-slate-600">
                {personName(event.actor)} ·{' '}
                <time dateTime={event.at}>{formatDateTime(new Date(event.at))}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function describeEvent(event: EvaluationEvent): string {
  const detail = (key: string) => {
    const value = event.details[key];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  };
  const score = detail('score');
  const withScore = typeof score === 'number' ? ` (score ${formatScore(score)})` : '';
  switch (event.action) {
    case 'created':
      return 'Created';
    case 'edited':
      return 'Edited the draft';
    case 'submitted':
      return `Submitted${withScore}`;
    case 'acknowledged':
      return 'Acknowledged';
    case 'disputed':
      return detail('reason') ? `Disputed: “${detail('reason')}”` : 'Disputed';
    case 'upheld':
      return detail('comment')
        ? `Dispute resolved, evaluation upheld: “${detail('comment')}”`
        : 'Dispute resolved, evaluation upheld';
    case 'revised':
      return `Dispute resolved, evaluation revised${withScore}`;
  }
}

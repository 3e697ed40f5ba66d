// What happened to an evaluation, oldest first: who did what, when, and the detail that matters (score, reason, comment).
import { useQuery } from '@tanstack/react-query';
import { evaluationHistoryQueryOptions } from '../../api/qa';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { formatScore } from '../../components/ScoreBadge';
import type { EvaluationEvent } from '../../../contract/evaluations';
import { formatDateTime } from '../../lib/format';

const actionLabels: Record<EvaluationEvent['action'], string> = {
  created: 'started the evaluation',
  edited: 'edited the draft',
  submitted: 'submitted',
  acknowledged: 'acknowledged',
  disputed: 'disputed',
  revised: 'revised',
  upheld: 'upheld',
};

export function EvaluationHistory({ evaluationId }: { evaluationId: string }) {
  const history = useQuery(evaluationHistoryQueryOptions(evaluationId));
  return (
    <section aria-labelledby="evaluation-history-heading" className="mt-8 border-t border-slate-200 pt-5">
      <h3 id="evaluation-history-heading" className="text-base font-semibold text-slate-900">
        History
      </h3>
      {history.isPending ? (
        <p role="status" className="mt-2 text-sm text-slate-600">
          Loading the history…
        </p>
      ) : history.isError ? (
        <QueryErrorNotice className="mt-2" title="The history could not be loaded." query={history} />
      ) : history.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing has happened to this evaluation yet.</p>
      ) : (
        <ol aria-label="Evaluation history" className="mt-3 space-y-3 border-l border-slate-200 pl-4">
          {history.data.map((event) => (
            <li key={event.id} className="text-sm">
              <p className="text-slate-900">
                <span className="font-medium">
                  {event.actor.first_name} {event.actor.last_name}
                </span>{' '}
                {actionLabels[event.action]}
                <span className="text-slate-500">
                  {' · '}
                  <time dateTime={event.at}>{formatDateTime(new Date(event.at))}</time>
                </span>
              </p>
              <EventDetail event={event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function EventDetail({ event }: { event: EvaluationEvent }) {
  const { score, reason, comment } = event.details;
  const parts = [
    typeof score === 'number' ? `Score ${formatScore(score)}` : null,
    typeof reason === 'string' && reason ? `“${reason}”` : null,
    typeof comment === 'string' && comment ? `“${comment}”` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return <p className="mt-0.5 text-slate-600">{parts.join(' · ')}</p>;
}

// One dispute: the evaluation as it stands, the agent's reason, the resolution (or the form to make it), the history.
import { useQuery } from '@tanstack/react-query';
import { evaluationQueryOptions } from '../../api/qa';

import { ScoreBadge } from '../../components/ScoreBadge';
import { SkeletonBlock } from '../../components/Skeleton';

import type { Dispute } from '../../../contract/disputes';

import { formatDateTime } from '../../lib/format';
import { ratingLabel } from '../../components/ratings';
import { DisputedRecording } from './DisputedRecording';
import { EvaluationHistory } from './EvaluationHistory';
import { ResolveDisputeForm } from './ResolveDisputeForm';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';

export function DisputeDetail({ dispute }: { dispute: Dispute }) {
  const evaluation = useQuery(evaluationQueryOptions(dispute.evaluationId));
  const agentName = `${dispute.raisedBy.first_name} ${dispute.raisedBy.last_name}`.trim();

  return (
    <section
      aria-labelledby="dispute-detail-heading"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-xs sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="dispute-detail-heading" className="text-lg font-semibold text-slate-900">
            Dispute by {agentName}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Raised <time dateTime={dispute.raisedAt}>{formatDateTime(new Date(dispute.raisedAt))}</time> on
            revision {dispute.revision}
            {evaluation.data && (
              <>
                {' '}
                of {evaluation.data.evaluator.first_name} {evaluation.data.evaluator.last_name}’s evaluation
                with “{evaluation.data.scorecard.name}” (version {evaluation.data.scorecard.version})
              </>
            )}
          </p>
        </div>
        <DisputedRecording
          dispute={dispute}
          className="inline-flex items-center rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          Open recording
        </DisputedRecording>
      </div>

      <figure className="mt-4 rounded-xl border-l-4 border-orange-300 bg-orange-50 px-4 py-3">
        <figcaption className="text-xs font-semibold tracking-wide text-orange-900 uppercase">
          The agent’s reason
        </figcaption>
        <blockquote className="mt-1 text-sm whitespace-pre-line text-slate-800">{dispute.reason}</blockquote>
      </figure>

      {dispute.outcome && (
        <div className="mt-4 rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-800 ring-1 ring-slate-200">
          <p className="font-semibold">
            {dispute.outcome === 'upheld' ? 'Upheld' : 'Revised'}
            {dispute.resolvedBy &&
              ` by ${dispute.resolvedBy.first_name} ${dispute.resolvedBy.last_name}`.trimEnd()}
            {dispute.resolvedAt && (
              <>
                {' '}
                on <time dateTime={dispute.resolvedAt}>{formatDateTime(new Date(dispute.resolvedAt))}</time>
              </>
            )}
          </p>
          {dispute.resolutionComment && (
            <p className="mt-1 whitespace-pre-line">{dispute.resolutionComment}</p>
          )}
        </div>
      )}

      <div className="mt-6">
        {evaluation.isPending ? (
          <div role="status" aria-busy="true" aria-label="Loading the evaluation">
            <div aria-hidden="true" className="space-y-3">
              <SkeletonBlock className="h-4 w-1/2" />
              <SkeletonBlock className="h-10 w-full" />
              <SkeletonBlock className="h-10 w-full" />
            </div>
          </div>
        ) : evaluation.isError ? (
          <QueryErrorPanel title="We couldn’t load the evaluation" query={evaluation} />
        ) : dispute.outcome === null ? (
          <ResolveDisputeForm dispute={dispute} evaluation={evaluation.data} />
        ) : (
          <>
            <div className="flex items-center justify-between gap-3">
              <h3 className="text-base font-semibold text-slate-900">Current ratings</h3>
              {evaluation.data.score !== null && <ScoreBadge score={evaluation.data.score} />}
            </div>
            {evaluation.data.scorecard.sections.map((section) => (
              <div key={section.id} className="mt-4">
                <h4 className="text-sm font-semibold text-slate-700">{section.title}</h4>
                <dl className="mt-2 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
                  {section.criteria.map((criterion) => (
                    <div key={criterion.id} className="flex justify-between gap-3 px-4 py-2 text-sm">
                      <dt className="text-slate-700">{criterion.title}</dt>
                      <dd className="font-medium text-slate-900">
                        {ratingLabel(criterion, evaluation.data.ratings[criterion.id]?.value ?? null)}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </>
        )}
      </div>

      <EvaluationHistory evaluationId={dispute.evaluationId} />
    </section>
  );
}
